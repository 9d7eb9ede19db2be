using System.Text;
using Streaming.Broadcasting;
using Streaming.Imaging;
using Streaming.Parsing;

namespace Streaming.Sources.Http;

/// <summary>The body of a snapshot URL's answer: one JPEG, read whole (its Content-Length when given), at most 32 MB.</summary>
internal static class HttpSnapshot
{
    private const int MaxSnapshotBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Reads the picture of a response that said image/jpeg into an array from <see cref="FramePool"/> (the caller's
    /// from here on), and its X-Timestamp header if it has one; disposes the response.
    /// </summary>
    public static async Task<(byte[] Rented, int Length, DateTimeOffset? Timestamp)> ReadAsync(HttpResponseMessage response, string display, CancellationToken cancellationToken)
    {
        using (response)
        {
            var length = response.Content.Headers.ContentLength;
            if (length > MaxSnapshotBytes)
            {
                throw new FrameSourceException($"{display} answered a picture of {length} bytes, more than the {MaxSnapshotBytes / (1024 * 1024)} MB allowed.");
            }

            byte[] rented;
            int read;
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                try
                {
                    (rented, read) = length is { } known ? await ReadExactlyAsync(body, (int)known, cancellationToken) : await ReadToEndAsync(body, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    throw new FrameSourceException($"{display} closed the connection in the middle of the picture.", ex);
                }
            }

            var jpeg = rented.AsSpan(0, read);
            if (!JpegMarkers.StartsImage(jpeg))
            {
                var start = ByteSummary.Describe(jpeg[..Math.Min(jpeg.Length, 64)]);
                FramePool.Return(rented);
                throw new FrameSourceException($"{display} answered image/jpeg, but not with a JPEG: {start}.");
            }

            var stamp = response.Headers.TryGetValues("X-Timestamp", out var values) && values.FirstOrDefault() is { } text
                ? MultipartMjpegReader.ParseUnixTimestamp(Encoding.ASCII.GetBytes(text))
                : null;
            return (rented, read, stamp);
        }
    }

    private static async Task<(byte[] Rented, int Length)> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var rented = FramePool.Rent(length);
        try
        {
            await body.ReadExactlyAsync(rented.AsMemory(0, length), cancellationToken);
            return (rented, length);
        }
        catch
        {
            FramePool.Return(rented);
            throw;
        }
    }

    private static async Task<(byte[] Rented, int Length)> ReadToEndAsync(Stream body, CancellationToken cancellationToken)
    {
        var rented = FramePool.Rent(64 * 1024);
        var filled = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(rented.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
                if (filled > MaxSnapshotBytes)
                {
                    throw new FrameSourceException($"A picture larger than {MaxSnapshotBytes / (1024 * 1024)} MB.");
                }

                if (filled == rented.Length)
                {
                    var larger = FramePool.Rent(rented.Length * 2);
                    rented.AsSpan(0, filled).CopyTo(larger);
                    FramePool.Return(rented);
                    rented = larger;
                }
            }

            return (rented, filled);
        }
        catch
        {
            FramePool.Return(rented);
            throw;
        }
    }

    /// <summary>A Content-Type a snapshot URL answers with.</summary>
    public static bool IsJpeg(string media) =>
        media.Equals("image/jpeg", StringComparison.OrdinalIgnoreCase)
        || media.Equals("image/jpg", StringComparison.OrdinalIgnoreCase)
        || media.Equals("image/pjpeg", StringComparison.OrdinalIgnoreCase);
}
