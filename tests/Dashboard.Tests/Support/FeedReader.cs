using System.Diagnostics;
using System.Net;

namespace Dashboard.Tests.Support;

/// <summary>
/// An MJPEG feed read continuously in the background, as a tool would: counts bytes and notes when the
/// server ends it (the read returns 0 or the connection is reset).
/// </summary>
internal sealed class FeedReader : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _bytes;

    private FeedReader(HttpResponseMessage response)
    {
        _response = response;
        Ended = Task.Run(ReadAsync);
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Completes when the stream ends, with the time since it was opened.</summary>
    public Task<TimeSpan> Ended { get; }

    public static async Task<FeedReader> OpenAsync(HttpClient client, string path, Action<HttpRequestMessage>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        configure?.Invoke(request);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new FeedReader(response);
        await Eventually.HoldsAsync(() => reader.Bytes > 0 || reader.Ended.IsCompleted, $"{path} delivers frames");
        Assert.False(reader.Ended.IsCompleted, $"{path} ended before the test did anything");
        return reader;
    }

    public void Dispose() => _response.Dispose();

    private async Task<TimeSpan> ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            await using var stream = await _response.Content.ReadAsStreamAsync();
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                Interlocked.Add(ref _bytes, read);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
            // The server aborted the connection: that is the end this reader waits for.
        }

        return _clock.Elapsed;
    }
}
