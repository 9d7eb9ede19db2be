using System.Buffers;
using Streaming.Cameras;
using Streaming.Parsing;

namespace Streaming.Sources.Http;

/// <summary>
/// A camera on the network: an MJPEG stream (<c>multipart/x-mixed-replace</c>: ESP32-CAM, mjpg-streamer,
/// ffmpeg, IP cameras, another dashboard) or a snapshot URL answering one JPEG, polled at <c>Fps</c>; the
/// response's Content-Type tells which. Frames are passed through as received. A part's <c>X-Timestamp</c>
/// (another dashboard sends one) is kept as the capture time, so a relayed frame's age counts from the
/// original camera. A camera's capture thread reads a stream with blocking reads of the body; cancelling such a
/// read closes the connection.
/// </summary>
public sealed class HttpCameraSource : IFrameSource
{
    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(5);

    private readonly CameraDefinition _camera;
    private readonly TimeProvider _time;
    private readonly HttpCameraRequests _requests;
    private readonly CancellationTokenSource _stop = new();
    private HttpResponseMessage? _response;
    private StreamWindow? _body;
    private MjpegBodyReader? _pictures;
    private SourceFrame? _first;
    private FramePacer? _pace;
    private Task<SourceFrame>? _reading;
    private bool _disposed;
    private CancellationTokenRegistration _closeOnCancel;
    private CancellationToken _closesOn;

    public HttpCameraSource(CameraDefinition camera, HttpClient client, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(client);
        var url = Uri.TryCreate(camera.Url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? parsed
            : throw new FrameSourceException($"Url '{Redaction.RedactUrl(camera.Url)}' is not an http:// or https:// URL.");
        _camera = camera;
        _time = time;
        _requests = new HttpCameraRequests(client, url, HttpCameraRequests.CredentialsFor(camera, url));
    }

    /// <summary>True when the URL answered one JPEG (a snapshot URL) rather than a stream.</summary>
    public bool IsSnapshot => _pace is not null;

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        var response = await _requests.GetAsync(cancellationToken);
        var type = response.Content.Headers.ContentType;
        var media = type?.MediaType ?? "";
        if (HttpSnapshot.IsJpeg(media))
        {
            _first = await ReadSnapshotAsync(response, cancellationToken);
            _pace = new FramePacer(_camera.Fps, _time);
            return;
        }

        _response = response;
        _body = new StreamWindow(await response.Content.ReadAsStreamAsync(cancellationToken));
        if (media.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            // Without a boundary parameter, the reader takes it from the body's first line.
            _pictures = new MjpegBodyReader(type!.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"'));
        }
        else if (media is not ("" or "application/octet-stream"))
        {
            throw new FrameSourceException($"{_requests.Display} answered {media} instead of an MJPEG stream or a JPEG: {ByteSummary.Describe(await PeekAsync(cancellationToken))}.");
        }

        // Untyped bodies (ffmpeg without -content_type says application/octet-stream) are recognised by their first bytes.
    }

    public ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_first is { } first)
        {
            _first = null;
            return ValueTask.FromResult(first);
        }

        var reading = _pace is not null ? PollAsync(cancellationToken) : ReadPartAsync(cancellationToken);
        _reading = reading;
        return new ValueTask<SourceFrame>(reading);
    }

    public SourceFrame ReadFrame(CancellationToken cancellationToken)
    {
        if (_first is not null || _pace is not null)
        {
            // A snapshot is a whole request per frame: the async path, waited for.
            return ReadFrameAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var body = Body;
        CloseOnCancel(cancellationToken);
        SourceFrame? frame;
        while ((frame = TakeFrame(body, isCompleted: false)) is null)
        {
            bool more;
            try
            {
                more = body.Fill();
            }
            catch (Exception ex) when ((ex is IOException or ObjectDisposedException or HttpRequestException) && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The read was cancelled.", ex, cancellationToken);
            }

            if (!more)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return TakeFrame(body, isCompleted: true) ?? throw Ended();
            }
        }

        return frame;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _closeOnCancel.DisposeAsync();
        await _stop.CancelAsync();
        _response?.Dispose();

        // A read the camera gave up on (FrameTimeout) may still hold the pipe: let it finish before releasing it.
        if (_reading is { } reading)
        {
            try
            {
                await reading.WaitAsync(DisposeWait);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // It ended the way a cancelled or cut-off read ends; nobody waits for its frame any more.
            }
        }

        if (_reading is not { IsCompleted: false })
        {
            // Not while a read given up on still writes into the buffer.
            _body?.Dispose();
        }

        _first?.Dispose();
        _stop.Dispose();
    }

    private async Task<SourceFrame> PollAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _pace!.WaitAsync(linked.Token);
        var response = await _requests.GetAsync(linked.Token);
        var media = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!HttpSnapshot.IsJpeg(media))
        {
            using (response)
            {
                throw new FrameSourceException($"{_requests.Display} answered {(media.Length == 0 ? "no Content-Type" : media)} instead of a JPEG.");
            }
        }

        return await ReadSnapshotAsync(response, linked.Token);
    }

    private async Task<SourceFrame> ReadSnapshotAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (rented, length, timestamp) = await HttpSnapshot.ReadAsync(response, _requests.Display, cancellationToken);
        return SourceFrame.FromPool(rented, length, CaptureTime(timestamp));
    }

    private async Task<SourceFrame> ReadPartAsync(CancellationToken cancellationToken)
    {
        var body = Body;
        SourceFrame? frame;
        while ((frame = TakeFrame(body, isCompleted: false)) is null)
        {
            if (!await body.FillAsync(cancellationToken))
            {
                return _stop.IsCancellationRequested
                    ? throw new OperationCanceledException("The source was closed.")
                    : TakeFrame(body, isCompleted: true) ?? throw Ended();
            }
        }

        return frame;
    }

    private StreamWindow Body => _body ?? throw new InvalidOperationException("The source is not open.");

    /// <summary>The next frame in what was read, or null when more is needed; a body that is not MJPEG fails.</summary>
    private SourceFrame? TakeFrame(StreamWindow body, bool isCompleted)
    {
        var buffer = body.Buffer;
        try
        {
            return TakeFrame(ref buffer, isCompleted);
        }
        catch (InvalidDataException ex)
        {
            throw new FrameSourceException($"{_requests.Display} does not send an MJPEG stream: {ex.Message}", ex);
        }
        finally
        {
            body.Consume(buffer);
        }
    }

    /// <summary>The body ended with no frame left in it: where the reader stood says how.</summary>
    private FrameSourceException Ended() => new(_pictures switch
    {
        { InsidePart: true } => $"{_requests.Display} closed the stream in the middle of a frame.",
        { Ended: true } => $"{_requests.Display} ended the stream.",
        _ => $"{_requests.Display} closed the stream.",
    });

    /// <summary>A blocking read ends when the connection closes: cancelling it closes the response (once per token, not per frame).</summary>
    private void CloseOnCancel(CancellationToken cancellationToken)
    {
        if (cancellationToken == _closesOn)
        {
            return;
        }

        _closeOnCancel.Dispose();
        _closesOn = cancellationToken;
        _closeOnCancel = cancellationToken.UnsafeRegister(static source => ((HttpCameraSource)source!)._response?.Dispose(), this);
    }

    /// <summary>The next picture in the buffer, copied into a pooled array; null when more is needed.</summary>
    private SourceFrame? TakeFrame(ref ReadOnlySequence<byte> buffer, bool complete) =>
        (_pictures ??= new MjpegBodyReader(null)).TryTake(ref buffer, complete, out var jpeg, out var timestamp)
            ? SourceFrame.CopyFrom(jpeg, CaptureTime(timestamp))
            : null;

    private async Task<ReadOnlySequence<byte>> PeekAsync(CancellationToken cancellationToken)
    {
        var body = _body!;
        while (body.Buffer.Length < 64 && await body.FillAsync(cancellationToken))
        {
        }

        var buffer = body.Buffer;
        return new ReadOnlySequence<byte>(buffer.Slice(0, Math.Min(buffer.Length, 64)).ToArray());
    }

    /// <summary>A frame's capture time: the remote's <c>X-Timestamp</c> when it sent one, else now.</summary>
    private DateTimeOffset CaptureTime(DateTimeOffset? timestamp)
    {
        var now = _time.GetUtcNow();
        // A remote clock ahead of ours would make frames look younger than they are: never later than now.
        return timestamp is { } t && t < now ? t : now;
    }
}
