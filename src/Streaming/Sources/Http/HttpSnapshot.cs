using System.Buffers;
using System.Text;
using Streaming.Imaging;
using Streaming.Parsing;

namespace Streaming.Sources.Http;

/// <summary>The body of a snapshot URL's answer: one JPEG, read whole (its Content-Length when given), at most 32 MB.</summary>
internal static class HttpSnapshot
{
    private const int MaxSnapshotBytes = 32 * 1024 * 1024;

    /// <summary>Reads the picture of a response that said image/jpeg, and its X-Timestamp header if it has one; disposes the response.</summary>
    public static async Task<(byte[] Jpeg, DateTimeOffset? Timestamp)> ReadAsync(HttpResponseMessage response, string display, CancellationToken cancellationToken)
    {
        using (response)
        {
            var length = response.Content.Headers.ContentLength;
            if (length > MaxSnapshotBytes)
            {
                throw new FrameSourceException($"{display} answered a picture of {length} bytes, more than the {MaxSnapshotBytes / (1024 * 1024)} MB allowed.");
            }

            byte[] jpeg;
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                try
                {
                    jpeg = length is { } known ? await ReadExactlyAsync(body, (int)known, cancellationToken) : await ReadToEndAsync(body, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    throw new FrameSourceException($"{display} closed the connection in the middle of the picture.", ex);
                }
            }

            if (!JpegMarkers.StartsImage(jpeg))
            {
                throw new FrameSourceException($"{display} answered image/jpeg, but not with a JPEG: {ByteSummary.Describe(jpeg.AsSpan(0, Math.Min(jpeg.Length, 64)))}.");
            }

            var stamp = response.Headers.TryGetValues("X-Timestamp", out var values) && values.FirstOrDefault() is { } text
                ? MultipartMjpegReader.ParseUnixTimestamp(Encoding.ASCII.GetBytes(text))
                : null;
            return (jpeg, stamp);
        }
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        // Not zeroed first: ReadExactly writes every byte or throws.
        var jpeg = GC.AllocateUninitializedArray<byte>(length);
        await body.ReadExactlyAsync(jpeg, cancellationToken);
        return jpeg;
    }

    private static async Task<byte[]> ReadToEndAsync(Stream body, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                copy.Write(chunk, 0, read);
                if (copy.Length > MaxSnapshotBytes)
                {
                    throw new FrameSourceException($"A picture larger than {MaxSnapshotBytes / (1024 * 1024)} MB.");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return copy.ToArray();
    }

    /// <summary>A Content-Type a snapshot URL answers with.</summary>
    public static bool IsJpeg(string media) =>
        media.Equals("image/jpeg", StringComparison.OrdinalIgnoreCase)
        || media.Equals("image/jpg", StringComparison.OrdinalIgnoreCase)
        || media.Equals("image/pjpeg", StringComparison.OrdinalIgnoreCase);
}
