using Microsoft.Extensions.Logging;
using Streaming.Diagnostics;
using Streaming.Sources;

namespace Streaming.Cameras;

/// <summary>
/// A camera's capture: per run, a thread of its own that opens the source, reads each frame with a blocking read
/// (<see cref="IFrameSource.ReadFrame"/>) and hands it to the pipeline on the same thread, and retries failures
/// with capped exponential backoff; beside it the heartbeat, which repeats stale frames, sends cards, and gives up
/// on a source that sent nothing for <see cref="StreamingOptions.FrameTimeout"/>. A frame so costs one wake-up of
/// the capture thread: no timer re-armed per frame, no hop through the thread pool. Also the camera's status and
/// the open source's device controls.
/// </summary>
internal sealed partial class CameraCapture(
    string id,
    Func<ConfiguredCamera> configured,
    IFrameSourceFactory sources,
    StreamingOptions options,
    TimeProvider time,
    ILogger logger,
    FramePipeline pipeline,
    StreamingMetrics? metrics)
{
    private static readonly Func<ILogger, string, IDisposable?> CaptureScope = LoggerMessage.DefineScope<string>("Capture of camera {CameraId}");

    private readonly KeyValuePair<string, object?>[] _tags = StreamingMetrics.Camera(id);
    private readonly long _frameTimeoutTicks = (long)(options.FrameTimeout.TotalSeconds * time.TimestampFrequency);
    private readonly Lock _readingGate = new();
    private CameraStatus _status = RestingStatus(configured(), time.GetUtcNow());
    private long _reconnects;
    private IDeviceControls? _deviceControls;
    private CancellationTokenSource? _reading;
    private long _frameDeadline;

    public CameraStatus Status => Volatile.Read(ref _status);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>The open source's controls, while it has them (a V4L2 webcam); else null.</summary>
    public IDeviceControls? DeviceControls => Volatile.Read(ref _deviceControls);

    /// <summary>Runs capture and heartbeat until cancelled; the capture thread is the camera's, with no request's context.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => CaptureThread(ended, cancellation)) { IsBackground = true, Name = $"camera {id}" };
        var heartbeat = HeartbeatAsync(cancellation);
        thread.UnsafeStart();
        try
        {
            await ended.Task;
        }
        finally
        {
            await heartbeat;
        }
    }

    /// <summary>The state a camera that is not capturing shows: Failed (bad settings), Stopped (disabled) or Idle.</summary>
    public void Rest() => SetStatus(RestingStatus(configured(), time.GetUtcNow()));

    public async Task ApplyDevicePropertiesAsync(IDeviceControls controls, CameraDefinition definition, CancellationToken cancellation)
    {
        foreach (var (name, value) in definition.DeviceProperties)
        {
            if (await controls.TrySetAsync(name, value, cancellation) is { } refused)
            {
                LogDeviceRefused(logger, id, refused);
            }
        }
    }

    private void CaptureThread(TaskCompletionSource ended, CancellationToken cancellation)
    {
        using var scope = CaptureScope(logger, id);
        try
        {
            Capture(cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ended.TrySetException(ex);
        }
        finally
        {
            ended.TrySetResult();
        }
    }

    private void Capture(CancellationToken cancellation)
    {
        var failures = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var current = configured();
            if (!current.IsValid || !current.Definition.Enabled)
            {
                Rest();
                WaitUntilCancelled(cancellation);
            }

            SetStatus(new(failures == 0 ? CameraState.Starting : CameraState.Reconnecting, Status.LastError, time.GetUtcNow()));
            try
            {
                StreamFrom(current.Definition, ref failures, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (PermanentFrameSourceException ended)
            {
                var reason = Redaction.RedactText(ended.Message, current.Definition);
                LogSourceEnded(logger, id, reason!);
                SetStatus(new(CameraState.Failed, $"Camera '{id}': {reason}", time.GetUtcNow()));
                WaitUntilCancelled(cancellation);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures++;
                Interlocked.Increment(ref _reconnects);
                metrics?.Reconnects.Add(1, _tags);
                var delay = Backoff(failures);
                var message = ex switch
                {
                    TimeoutException => $"Camera '{id}': no frame for {options.FrameTimeout.TotalSeconds:0.#} s.",
                    _ => $"Camera '{id}': {Redaction.RedactText(ex.Message, current.Definition)}",
                };
                SetStatus(new(CameraState.Reconnecting, message, time.GetUtcNow()));
                LogSourceFailed(logger, ex is FrameSourceException or TimeoutException ? null : Redaction.RedactException(ex, current.Definition), id, message, failures, delay);
                Task.Delay(delay, time, cancellation).GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>Opens the source and publishes its frames until it fails; a source silent for FrameTimeout fails with a <see cref="TimeoutException"/>.</summary>
    private void StreamFrom(CameraDefinition definition, ref int failures, CancellationToken cancellation)
    {
        var source = sources.Create(definition);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        try
        {
            source.OpenAsync(cancellation).AsTask().WaitAsync(options.FrameTimeout, time, cancellation).GetAwaiter().GetResult();
            Volatile.Write(ref _deviceControls, source as IDeviceControls);
            if (source is IDeviceControls controls)
            {
                ApplyDevicePropertiesAsync(controls, definition, cancellation).GetAwaiter().GetResult();
            }

            WatchReading(reading);
            while (true)
            {
                Volatile.Write(ref _frameDeadline, time.GetTimestamp() + _frameTimeoutTicks);
                using var frame = ReadFrame(source, reading.Token, cancellation);
                if (failures > 0 || Status.State != CameraState.Streaming)
                {
                    failures = 0;
                    SetStatus(new(CameraState.Streaming, null, time.GetUtcNow()));
                }

                pipeline.Publish(frame, configured().Definition);
            }
        }
        finally
        {
            WatchReading(null);
            Volatile.Write(ref _deviceControls, null);
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static SourceFrame ReadFrame(IFrameSource source, CancellationToken reading, CancellationToken cancellation)
    {
        try
        {
            return source.ReadFrame(reading);
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            // Only the heartbeat cancels a read on its own: the frame deadline passed.
            throw new TimeoutException();
        }
    }

    /// <summary>The read the heartbeat may give up on (null: none).</summary>
    private void WatchReading(CancellationTokenSource? reading)
    {
        lock (_readingGate)
        {
            _reading = reading;
        }
    }

    /// <summary>
    /// While a run is active: gives up on a silent source, repeats stale frames or sends a card saying why there is
    /// none. It wakes when the next of these can be due, between four times and once per heartbeat interval: a
    /// streaming camera's heartbeat so wakes about once per interval (when its viewers' frames would turn stale)
    /// instead of on a fixed tick of a quarter interval.
    /// </summary>
    private async Task HeartbeatAsync(CancellationToken cancellation)
    {
        var step = options.HeartbeatInterval / 4;
        try
        {
            while (true)
            {
                await Task.Delay(NextBeat(step), time, cancellation);
                CheckFrameDeadline();
                pipeline.Beat(Status, configured().Definition);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private TimeSpan NextBeat(TimeSpan step)
    {
        TimeSpan? wait = pipeline.UntilStale();
        lock (_readingGate)
        {
            if (_reading is not null && time.GetElapsedTime(time.GetTimestamp(), Volatile.Read(ref _frameDeadline)) is var untilDeadline && !(untilDeadline >= wait))
            {
                wait = untilDeadline;
            }
        }

        return wait is { } due ? TimeSpan.FromTicks(Math.Clamp(due.Ticks, step.Ticks, options.HeartbeatInterval.Ticks)) : step;
    }

    private void CheckFrameDeadline()
    {
        lock (_readingGate)
        {
            if (_reading is { IsCancellationRequested: false } reading && time.GetTimestamp() > Volatile.Read(ref _frameDeadline))
            {
                reading.Cancel();
            }
        }
    }

    private static void WaitUntilCancelled(CancellationToken cancellation)
    {
        cancellation.WaitHandle.WaitOne();
        cancellation.ThrowIfCancellationRequested();
    }

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(options.ReconnectInitialDelay.Ticks * factor, options.ReconnectMaxDelay.Ticks));
    }

    private static CameraStatus RestingStatus(ConfiguredCamera camera, DateTimeOffset now) =>
        !camera.IsValid ? new(CameraState.Failed, camera.Error, now)
            : !camera.Definition.Enabled ? new(CameraState.Stopped, null, now)
            : new(CameraState.Idle, null, now);

    private void SetStatus(CameraStatus status)
    {
        var previous = Interlocked.Exchange(ref _status, status);
        if (previous.State == status.State && previous.LastError == status.LastError)
        {
            return;
        }

        LogStateChanged(logger, id, previous.State, status.State);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: {From} -> {To}")]
    private static partial void LogStateChanged(ILogger logger, string cameraId, CameraState from, CameraState to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} (camera {CameraId}, attempt {Attempt}, next try in {Delay})")]
    private static partial void LogSourceFailed(ILogger logger, Exception? exception, string cameraId, string message, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: {Message}")]
    private static partial void LogSourceEnded(ILogger logger, string cameraId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: {Refusal}")]
    private static partial void LogDeviceRefused(ILogger logger, string cameraId, string refusal);
}
