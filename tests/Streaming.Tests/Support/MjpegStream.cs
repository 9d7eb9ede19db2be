using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Streaming.Tests.Support;

/// <summary>One part of a multipart/x-mixed-replace stream, as a client received it.</summary>
internal sealed record MjpegPart(string ContentType, long? ContentLength, double? Timestamp, byte[] Body, DateTimeOffset ReceivedAt, bool IsPlaceholder = false);

/// <summary>Reads an MJPEG response part by part with ASP.NET Core's own multipart parser.</summary>
internal sealed class MjpegStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly MultipartReader _reader;

    private MjpegStream(HttpResponseMessage response, Stream body, string boundary)
    {
        _response = response;
        _reader = new MultipartReader(boundary, body) { BodyLengthLimit = 32 * 1024 * 1024 };
    }

    public HttpResponseMessage Response => _response;

    public static Task<MjpegStream> OpenAsync(HttpClient client, string path) =>
        OpenAsync(client, new HttpRequestMessage(HttpMethod.Get, path));

    public static async Task<MjpegStream> OpenAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var type = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/x-mixed-replace", type.MediaType);
        var boundary = type.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        return new MjpegStream(response, await response.Content.ReadAsStreamAsync(), boundary);
    }

    /// <summary>The next part, or null when the server ended the stream.</summary>
    public async Task<MjpegPart?> ReadPartAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var section = await _reader.ReadNextSectionAsync(cancel.Token);
        if (section is null)
        {
            return null;
        }

        using var body = new MemoryStream();
        await section.Body.CopyToAsync(body, cancel.Token);
        var headers = section.Headers!;
        return new MjpegPart(
            section.ContentType!,
            headers.TryGetValue("Content-Length", out var length) ? long.Parse(length!, CultureInfo.InvariantCulture) : null,
            headers.TryGetValue("X-Timestamp", out var timestamp) ? double.Parse(timestamp!, CultureInfo.InvariantCulture) : null,
            body.ToArray(),
            DateTimeOffset.UtcNow,
            headers.ContainsKey("X-Placeholder"));
    }

    /// <summary>The next part that is a picture from the camera (skipping "starting"/"no signal" cards).</summary>
    public async Task<MjpegPart?> ReadPictureAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (await ReadPartAsync(deadline - DateTime.UtcNow) is { } part)
        {
            if (!part.IsPlaceholder)
            {
                return part;
            }
        }

        return null;
    }

    public ValueTask DisposeAsync()
    {
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
