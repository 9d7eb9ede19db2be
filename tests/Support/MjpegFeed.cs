using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Streaming.Http;
using Streaming.Parsing;

namespace Tests.Support;

/// <summary>One part of an MJPEG stream as a client received it, with the moment its last byte arrived (stopwatch and wall clock).</summary>
public sealed record MjpegPart(byte[] Body, string ContentType, long? ContentLength, DateTimeOffset? Timestamp, bool IsPlaceholder, long ArrivedAt, DateTimeOffset ArrivedAtUtc)
{
    /// <summary>How old the frame was when it arrived: arrival minus its <c>X-Timestamp</c> (same machine, same clock).</summary>
    public TimeSpan Age => ArrivedAtUtc - (Timestamp ?? throw new InvalidOperationException("The part has no X-Timestamp."));

    /// <summary>Starts with SOI and ends with EOI: not a torn frame.</summary>
    public bool IsWholeJpeg => Body is [0xFF, 0xD8, .., 0xFF, 0xD9];
}

/// <summary>
/// A client's reader of a <c>multipart/x-mixed-replace</c> stream, for tests and benchmarks: the product's own parser
/// (<see cref="MultipartMjpegReader"/> over a <see cref="StreamWindow"/>) with what a client notes besides. The stream
/// ends cleanly only right after a boundary line (or at the closing one); ending anywhere else is torn and fails the read.
/// </summary>
public sealed class MjpegFeed : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Stream _body;
    private readonly StreamWindow _window;
    private readonly MultipartMjpegReader _parts;
    private readonly HttpResponseMessage? _response;
    private readonly Stopwatch _opened = Stopwatch.StartNew();
    private readonly TaskCompletionSource _firstPart = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<TimeSpan>? _ended;
    private long _bytes;

    /// <summary>Reads <paramref name="body"/>, whose parts are separated by <paramref name="boundary"/> (the app's by default).</summary>
    public MjpegFeed(Stream body, string boundary = MultipartMjpeg.Boundary)
        : this(body, boundary, null)
    {
    }

    private MjpegFeed(Stream body, string boundary, HttpResponseMessage? response)
    {
        ArgumentNullException.ThrowIfNull(body);
        _body = body;
        _window = new StreamWindow(body, 64 * 1024);
        _parts = new MultipartMjpegReader(boundary);
        _response = response;
    }

    /// <summary>The response this feed reads (when it was opened from one).</summary>
    public HttpResponseMessage Response => _response ?? throw new InvalidOperationException("This feed reads a stream, not a response.");

    /// <summary>The bytes of the body read so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytes);

    /// <summary>Completes when the server ends the stream (cleanly, torn or reset), with the time since it was opened; see <see cref="WatchAsync"/>.</summary>
    public Task<TimeSpan> Ended => _ended ?? throw new InvalidOperationException("Only a watched feed is read to its end in the background.");

    public static Task<MjpegFeed> OpenAsync(HttpClient client, string path, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.RelativeOrAbsolute));
        configure?.Invoke(request);
        return OpenAsync(client, request, cancellationToken);
    }

    public static async Task<MjpegFeed> OpenAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            return await ReadAsync(response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Reads a response the caller sent (with <see cref="HttpCompletionOption.ResponseHeadersRead"/>): a 200 of multipart/x-mixed-replace, or it throws.</summary>
    public static async Task<MjpegFeed> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not 200.", null, response.StatusCode);
        }

        var type = response.Content.Headers.ContentType;
        var boundary = type?.MediaType == "multipart/x-mixed-replace"
            ? type.Parameters.FirstOrDefault(p => p.Name == "boundary")?.Value?.Trim('"')
            : null;
        return boundary is { Length: > 0 }
            ? new MjpegFeed(await response.Content.ReadAsStreamAsync(), boundary, response)
            : throw new InvalidDataException($"{response.RequestMessage?.RequestUri} is '{type}', not multipart/x-mixed-replace with a boundary.");
    }

    /// <summary>
    /// Opens a feed and reads it on in the background, as a tool would, once its first part arrived: <see cref="Ended"/>
    /// says when the server ended it.
    /// </summary>
    public static async Task<MjpegFeed> WatchAsync(HttpClient client, string path, Action<HttpRequestMessage>? configure = null)
    {
        var feed = await OpenAsync(client, path, configure);
        feed._ended = Task.Run(feed.ReadToEndAsync);
        var first = await Task.WhenAny(feed._firstPart.Task, feed._ended).WaitAsync(DefaultTimeout);
        if (first != feed._firstPart.Task)
        {
            await feed.DisposeAsync();
            throw new InvalidOperationException($"{path} ended before its first part.");
        }

        return feed;
    }

    /// <summary>The next part, or null when the server ended the stream cleanly; fails after <paramref name="timeout"/> (10 s by default).</summary>
    public async Task<MjpegPart?> ReadPartAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        return await ReadPartAsync(cancel.Token);
    }

    /// <summary>The next part, or null when the server ended the stream cleanly.</summary>
    public async Task<MjpegPart?> ReadPartAsync(CancellationToken cancellationToken)
    {
        if (await ReadSliceAsync(cancellationToken) is not { } slice)
        {
            return null;
        }

        var (body, part) = slice;
        return new MjpegPart(body.ToArray(), part.ContentType, part.ContentLength, part.Timestamp, part.IsPlaceholder, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
    }

    /// <summary>The next part that is a picture from the camera (skipping "starting"/"no signal" cards).</summary>
    public async Task<MjpegPart?> ReadPictureAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (await ReadPartAsync(cancel.Token) is { } part)
        {
            if (!part.IsPlaceholder)
            {
                return part;
            }
        }

        return null;
    }

    /// <summary>
    /// The next part without copying its body, for a load client that only looks at it: the body is valid until the next
    /// read. Null when the server ended the stream cleanly.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // a load client calls it for every part
    public async ValueTask<(ReadOnlySequence<byte> Body, MultipartPart Part)?> ReadSliceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffer = _window.Buffer;
            var found = _parts.TrySlicePart(ref buffer, out var body, out var part);
            _window.Consume(buffer);
            if (found)
            {
                _firstPart.TrySetResult();
                return (body, part);
            }

            if (_parts.Ended)
            {
                return null;
            }

            var before = _window.Buffer.Length;
            if (!await _window.FillAsync(cancellationToken))
            {
                return _parts.InsidePart && _window.Buffer.IsEmpty
                    ? null
                    : throw new InvalidDataException($"The stream ended inside a part ({_window.Buffer.Length} bytes of it unread).");
            }

            Interlocked.Add(ref _bytes, _window.Buffer.Length - before);
        }
    }

    public void Dispose()
    {
        _response?.Dispose();
        _body.Dispose();

        // The window's pooled buffer goes back only once no background read can write into it any more.
        if (_ended is null || _ended.Wait(DefaultTimeout))
        {
            _window.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<TimeSpan> ReadToEndAsync()
    {
        try
        {
            while (await ReadSliceAsync(CancellationToken.None) is not null)
            {
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException or InvalidDataException)
        {
            // The server aborted the connection, or the test disposed the feed: that is the end this waits for.
        }

        return _opened.Elapsed;
    }
}
