using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Motion;

/// <summary>
/// Motion detection for one camera: a subscriber of its full-size frames (so the camera keeps capturing), taking
/// each frame as it is published into a queue (no frame is lost to a check or a clip write), keeping the
/// pre-buffer, checking at most <see cref="MotionOptions.ChecksPerSecond"/>, and writing the clip of each event.
/// Its own loop does all of it, so neither the capture loop nor any viewer waits on it.
/// </summary>
internal sealed partial class MotionMonitor : IFrameSink, IAsyncDisposable
{
    private const int QueueFrames = 256;

    private readonly string _cameraId;
    private readonly MotionOptions _options;
    private readonly ClipStorage _storage;
    private readonly Action<MotionNotice> _notify;
    private readonly Action<MotionStatus> _publish;
    private readonly ILogger _logger;
    private readonly Channel<JpegFrame> _queue;
    private readonly MotionDetector _detector;
    private readonly MotionEventTracker _tracker;
    private readonly PreBuffer _preBuffer;
    private readonly ClipRecorder _recorder;
    private readonly RateSchedule _checks;
    private readonly Subscription? _subscription;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private MotionSettings _settings;
    private MotionStatus _status;
    private ClipOfEvent? _clip;
    private DateTimeOffset _clipUntil = DateTimeOffset.MaxValue;

    public MotionMonitor(Camera? camera, string cameraId, MotionSettings settings, MotionOptions options, ClipStorage storage,
        Action<MotionNotice> notify, Action<MotionStatus> publish, ILogger logger, MotionEvent? lastEvent = null)
    {
        _cameraId = cameraId;
        _settings = settings;
        _options = options;
        _storage = storage;
        _notify = notify;
        _publish = publish;
        _logger = logger;
        _queue = Channel.CreateBounded<JpegFrame>(
            new BoundedChannelOptions(QueueFrames) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped =>
            {
                dropped.Release();
                Interlocked.Increment(ref _framesDropped);
            });
        _detector = new MotionDetector(options.DetectionWidth);
        _tracker = new MotionEventTracker(cameraId, options.QuietTime);
        _preBuffer = new PreBuffer(options.PreBuffer);
        _recorder = new ClipRecorder(storage, options);
        _checks = new RateSchedule(options.ChecksPerSecond);
        _status = new MotionStatus(cameraId, true, false, 0, null, null, lastEvent, null, null);
        _loop = Task.Run(() => RunAsync(_stop.Token));
        if (camera is not null)
        {
            _subscription = camera.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Motion, Label = "motion detection" });
            _subscription.DeliverTo(this);
        }
    }

    private long _framesDropped;

    public MotionStatus Status => Volatile.Read(ref _status);

    /// <summary>Frames dropped because the loop fell behind by <c>QueueFrames</c> (a stalled disk).</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>New sensitivity, area or zones, used from the next check.</summary>
    public void Update(MotionSettings settings) => Volatile.Write(ref _settings, settings);

    /// <summary>Hands a frame to the loop (called by the broadcaster, or directly by tests and the benchmark).</summary>
    /// <remarks>
    /// The queue holds the frame; one the loop takes is kept for good (the pre-buffer and a clip keep frames for
    /// seconds, past any one holder's say), so with motion on the camera's frames are not pooled.
    /// </remarks>
    public void Offer(JpegFrame frame)
    {
        if (!_queue.Writer.TryWrite(frame.Hold()))
        {
            frame.Release();
        }
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Stops: the open event ends now and its clip is finished.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        _queue.Writer.TryComplete();
        await _loop;
        _stop.Dispose();
        _detector.Dispose();
    }

    /// <summary>Waits until every frame offered so far has been handled (tests and the benchmark).</summary>
    internal async Task DrainAsync()
    {
        while (_queue.Reader.Count > 0 || Volatile.Read(ref _busy) != 0)
        {
            await Task.Delay(5);
        }
    }

    private int _busy;
    private int _disposed;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken))
            {
                Volatile.Write(ref _busy, 1);
                while (_queue.Reader.TryRead(out var frame))
                {
                    await HandleAsync(frame, cancellationToken);
                }

                Volatile.Write(ref _busy, 0);
            }

            await EndAsync(_tracker.Close(), cancellationToken);
            await FinishClipAsync(cancellationToken);
        }
#pragma warning disable CA1031 // The loop must not die silently: a bug here would stop detection for good.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogLoopFailed(_cameraId, e);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private async Task HandleAsync(JpegFrame frame, CancellationToken cancellationToken)
    {
        _subscription?.RecordSent(frame);
        if (frame.IsPlaceholder)
        {
            // Cards keep coming about once a second while the source is down, so an event still ends on time.
            await EndAsync(_tracker.Expire(frame.CapturedAt), cancellationToken);
            if (frame.CapturedAt > _clipUntil)
            {
                await FinishClipAsync(cancellationToken);
            }

            return;
        }

        _preBuffer.Add(frame);
        if (_recorder.IsRecording)
        {
            if (frame.CapturedAt > _clipUntil)
            {
                await FinishClipAsync(cancellationToken);
            }
            else if (await _recorder.AppendAsync(frame, cancellationToken) is { } full)
            {
                Complete(full);
            }
        }

        if (!_checks.TakeDue(frame.CapturedAt.UtcTicks))
        {
            return;
        }

        var settings = Volatile.Read(ref _settings);
        var reading = _detector.Check(frame.Data.Span, frame.Width, settings);
        var notice = _tracker.Observe(reading, frame);
        if (notice?.Kind == MotionNoticeKind.Started)
        {
            await StartAsync(notice.Event, frame, cancellationToken);
        }
        else
        {
            await EndAsync(notice, cancellationToken);
        }

        Publish(Status with { Moving = reading.IsMotion, Score = reading.Score, Region = reading.Region, CurrentEvent = _tracker.Open, RecordingWarning = _recorder.Warning, CheckedAt = frame.CapturedAt, Checks = Status.Checks + 1 });
    }

    private async Task StartAsync(MotionEvent started, JpegFrame frame, CancellationToken cancellationToken)
    {
        // A new event while the last clip still takes its post-buffer: that clip ends here, the new one starts with its own pre-buffer.
        await FinishClipAsync(cancellationToken);
        var thumbnail = await WriteThumbnailAsync(started.Id, frame, cancellationToken);
        var frames = _preBuffer.Since(started.Start - _options.PreBuffer).ToList();
        var recording = await _recorder.StartAsync(_cameraId, started.Id, frames, cancellationToken);
        var announced = started with
        {
            ThumbnailFile = thumbnail,
            ClipFile = recording ? Path.GetFileName(_storage.ClipPath(_cameraId, started.Id)) : null,
        };
        _clip = recording ? new ClipOfEvent(announced) : null;
        _notify(new MotionNotice(MotionNoticeKind.Started, announced));
    }

    private async Task EndAsync(MotionNotice? notice, CancellationToken cancellationToken)
    {
        if (notice?.Kind != MotionNoticeKind.Ended)
        {
            return;
        }

        var ended = notice.Event with { ThumbnailFile = await WriteThumbnailAsync(notice.Event.Id, _tracker.PeakFrame, cancellationToken) };
        if (_clip?.Event.Id != ended.Id)
        {
            Announce(ended);
            return;
        }

        _clip = _clip with { Event = ended with { ClipFile = _clip.Event.ClipFile }, Ended = true };
        if (_clip.Result is not null || !_recorder.IsRecording)
        {
            Announce(_clip);
            return;
        }

        // The clip goes on for the post-buffer; the event is announced as ended once its clip is complete.
        _clipUntil = ended.End!.Value + _options.PostBuffer;
    }

    private async Task FinishClipAsync(CancellationToken cancellationToken)
    {
        if (await _recorder.FinishAsync(cancellationToken) is { } clip)
        {
            Complete(clip);
        }
    }

    /// <summary>A clip is complete (the post-buffer passed, or it reached its longest); an ended event is announced now.</summary>
    private void Complete(ClipResult clip)
    {
        _clipUntil = DateTimeOffset.MaxValue;
        if (_clip is null)
        {
            return;
        }

        _clip = _clip with { Result = clip };
        if (_clip.Ended)
        {
            Announce(_clip);
        }
    }

    private void Announce(ClipOfEvent clip)
    {
        _clip = null;
        Announce(clip.Result is { } result
            ? clip.Event with { ClipFile = result.FileName, ClipBytes = result.Bytes, ClipFrames = result.Frames }
            : clip.Event with { ClipFile = null });
    }

    private void Announce(MotionEvent ended)
    {
        _notify(new MotionNotice(MotionNoticeKind.Ended, ended));
        Publish(Status with { CurrentEvent = _tracker.Open, LastEvent = ended, RecordingWarning = _recorder.Warning });
    }

    /// <summary>The thumbnail is the frame as the camera sent it (no encode): first the start's, then the peak's.</summary>
    private async Task<string?> WriteThumbnailAsync(Guid eventId, JpegFrame? frame, CancellationToken cancellationToken)
    {
        if (frame is null || _storage.SpaceWarning() is not null)
        {
            return null;
        }

        try
        {
            Directory.CreateDirectory(_storage.CameraFolder(_cameraId));
            var path = _storage.ThumbnailPath(_cameraId, eventId);
            await File.WriteAllBytesAsync(path, frame.Data, cancellationToken);
            return Path.GetFileName(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Publish(MotionStatus status)
    {
        Volatile.Write(ref _status, status);
        _publish(status);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Motion detection of camera {CameraId} stopped after an error")]
    private static partial void LogLoopFailed(ILogger logger, string cameraId, Exception exception);

    private void LogLoopFailed(string cameraId, Exception exception) => LogLoopFailed(_logger, cameraId, exception);

    /// <summary>The event whose clip is being written, whether it ended, and the clip once complete.</summary>
    private sealed record ClipOfEvent(MotionEvent Event, bool Ended = false, ClipResult? Result = null);
}
