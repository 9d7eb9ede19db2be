using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Streaming.Broadcasting;
using Streaming.Diagnostics;
using Streaming.Sources;

namespace Streaming.Cameras;

/// <summary>
/// One camera at run time: a single capture loop that starts with the first subscriber, encodes each
/// frame once for everyone, survives source failures with backoff, and releases the source after the
/// last subscriber has been gone for the idle timeout.
/// </summary>
public sealed partial class Camera : IAsyncDisposable
{
    private static readonly Func<ILogger, string, IDisposable?> CaptureScope = LoggerMessage.DefineScope<string>("Capture of camera {CameraId}");

    private readonly IFrameSourceFactory _sources;
    private readonly StreamingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly FramePipeline _pipeline;
    private ConfiguredCamera _configured;
    private CameraStatus _status;
    private CancellationTokenSource? _run;
    private Task _running = Task.CompletedTask;
    private ITimer? _idleTimer;
    private bool _disposed;
    private long _reconnects;
    private IDeviceControls? _deviceControls;

    private readonly StreamingMetrics? _metrics;
    private readonly KeyValuePair<string, object?>[] _tags;

    internal Camera(ConfiguredCamera configured, IFrameSourceFactory sources, StreamingOptions options, TimeProvider time, ILogger logger, StreamingMetrics? metrics = null)
    {
        _configured = configured;
        _sources = sources;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _tags = StreamingMetrics.Camera(configured.Definition.Id);
        _pipeline = new FramePipeline(configured.Definition.Id, options, time, metrics);
        _status = RestingStatus();
        if (NeedsCapture)
        {
            EnsureRunning();
        }
    }

    public string Id => _configured.Definition.Id;

    public CameraDefinition Definition => _configured.Definition;

    /// <summary>What is wrong with the settings, if anything.</summary>
    public IReadOnlyList<SettingProblem> Problems => _configured.Problems;

    public CameraStatus Status => Volatile.Read(ref _status);

    public CameraState State => Status.State;

    public int SubscriberCount => _pipeline.SubscriberCount;

    /// <summary>The newest real picture (not a placeholder card), if the camera is running.</summary>
    public JpegFrame? LatestFrame => _pipeline.LatestFrame;

    private bool NeedsCapture => SubscriberCount > 0 || (Definition.AlwaysOn && Definition.Enabled && _configured.IsValid);

    /// <summary>
    /// Starts watching the full frames or a preview (the preview size nearest <paramref name="width"/> pixels;
    /// 0 for the largest). The newest frame (if any) arrives at once; the camera starts if it was idle.
    /// Dispose the subscription to leave.
    /// </summary>
    public Subscription Subscribe(SubscriberInfo subscriber, FrameVariant variant = FrameVariant.Full, int width = 0)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var broadcaster = _pipeline.For(variant, width);
        var added = broadcaster.Add(subscriber);
        EnsureRunning();
        return new Subscription(added, s => Unsubscribe(broadcaster, s));
    }

    public CameraStatistics ReadStatistics()
    {
        var status = Status;
        var latest = LatestFrame;
        var pipeline = _pipeline.Read();
        return new CameraStatistics(
            Id,
            Definition.Name,
            Definition.Kind,
            status.State,
            status.LastError,
            status.Since,
            Math.Round(pipeline.CaptureFps, 1),
            Math.Round(pipeline.EncodeMilliseconds, 2),
            latest?.Length ?? 0,
            latest?.Width ?? 0,
            latest?.Height ?? 0,
            pipeline.FramesCaptured,
            pipeline.FramesEncoded,
            pipeline.FramesDecoded,
            pipeline.Path.Kind is FramePathKind.PassedThrough or FramePathKind.DecodedForPreview,
            pipeline.Path,
            pipeline.PreviewFramesEncoded,
            Math.Round(pipeline.PreviewEncodeMilliseconds, 2),
            Interlocked.Read(ref _reconnects),
            latest?.CapturedAt,
            pipeline.Subscribers);
    }

    /// <summary>The camera's statistics now and then every <paramref name="interval"/>, until cancelled or the camera is removed.</summary>
    public async IAsyncEnumerable<CameraStatistics> WatchStatisticsAsync(TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var tick = new PeriodicTimer(interval, _time);
        do
        {
            yield return ReadStatistics();
        }
        while (!_disposed && await tick.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>Applies new settings. Subscribers stay connected and see the new source once it is open.</summary>
    public async Task ReconfigureAsync(ConfiguredCamera configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (!string.Equals(configured.Definition.Id, Id, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("A camera's id cannot change.", nameof(configured));
        }

        CancellationTokenSource? run;
        Task stopped;
        IDeviceControls? controls;
        lock (_gate)
        {
            var before = _configured;
            _configured = configured;
            controls = _deviceControls;
            if (before.IsValid && configured.IsValid && before.Definition.DiffersOnlyLive(configured.Definition))
            {
                // Name, quality, image adjustments: read per frame. Device controls: set on the open device.
                (run, stopped) = (null, Task.CompletedTask);
            }
            else
            {
                (run, stopped) = (DetachRunLocked(), _running);
                controls = null;
            }
        }

        if (controls is not null)
        {
            await ApplyDevicePropertiesAsync(controls, configured.Definition, CancellationToken.None);
            EnsureRunning();
            return;
        }

        await StopAsync(run, stopped);
        lock (_gate)
        {
            if (!NeedsCapture)
            {
                SetStatus(RestingStatus());
            }
        }

        EnsureRunning();
    }

    /// <summary>The device's controls while the camera runs a source that has them (a V4L2 webcam); else null.</summary>
    public IDeviceControls? DeviceControls => Volatile.Read(ref _deviceControls);

    public async ValueTask DisposeAsync()
    {
        CancellationTokenSource? run;
        Task stopped;
        lock (_gate)
        {
            _disposed = true;
            (run, stopped) = (DetachRunLocked(), _running);
        }

        await StopAsync(run, stopped);
        _pipeline.CompleteAll();
    }

    private void EnsureRunning()
    {
        lock (_gate)
        {
            _idleTimer?.Dispose();
            _idleTimer = null;
            if (_run is not null || _disposed || !NeedsCapture)
            {
                return;
            }

            var run = new CancellationTokenSource();
            var previous = _running;
            _run = run;
            // The capture loop belongs to the camera, not to its first viewer's request: without this it would
            // carry that request's log scopes and trace ids for as long as it runs.
            using (ExecutionContext.SuppressFlow())
            {
                _running = Task.Run(() => RunAsync(previous, run.Token));
            }
        }
    }

    private ValueTask Unsubscribe(FrameBroadcaster broadcaster, Subscriber subscriber)
    {
        broadcaster.Remove(subscriber);
        lock (_gate)
        {
            if (NeedsCapture || _run is null || _idleTimer is not null)
            {
                return ValueTask.CompletedTask;
            }

            if (_options.IdleTimeout > TimeSpan.Zero)
            {
                // Like the capture loop, the idle stop is the camera's own, not the last viewer's request's.
                using (ExecutionContext.SuppressFlow())
                {
                    _idleTimer = _time.CreateTimer(_ => StopIfUnused(), null, _options.IdleTimeout, Timeout.InfiniteTimeSpan);
                }

                return ValueTask.CompletedTask;
            }
        }

        StopIfUnused();
        return ValueTask.CompletedTask;
    }

    private void StopIfUnused()
    {
        CancellationTokenSource? run;
        lock (_gate)
        {
            _idleTimer?.Dispose();
            _idleTimer = null;
            if (NeedsCapture)
            {
                return;
            }

            run = DetachRunLocked();
        }

        if (run is not null)
        {
            LogIdleStop(_logger, Id, _options.IdleTimeout);
            run.Cancel();
        }
    }

    /// <summary>
    /// Forgets the current run so nothing restarts or reuses it. The caller cancels it after leaving the
    /// lock: cancelling runs the capture loop's continuations, which must see the run already gone.
    /// </summary>
    private CancellationTokenSource? DetachRunLocked()
    {
        _idleTimer?.Dispose();
        _idleTimer = null;
        var run = _run;
        _run = null;
        return run;
    }

    private static async Task StopAsync(CancellationTokenSource? run, Task running)
    {
        if (run is not null)
        {
            await run.CancelAsync();
        }

        await running;
    }

    private async Task RunAsync(Task previous, CancellationToken cancellation)
    {
        // Never open a device while the previous run may still hold it.
        await previous;
        using var scope = CaptureScope(_logger, Id);
        var heartbeat = HeartbeatAsync(cancellation);
        try
        {
            await CaptureAsync(cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        finally
        {
            await heartbeat;
            _pipeline.Reset();
            lock (_gate)
            {
                if (_run is null)
                {
                    SetStatus(RestingStatus());
                }
            }
        }
    }

    private async Task CaptureAsync(CancellationToken cancellation)
    {
        var failures = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var configured = _configured;
            if (!configured.IsValid || !configured.Definition.Enabled)
            {
                SetStatus(RestingStatus());
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellation);
            }

            SetStatus(new(failures == 0 ? CameraState.Starting : CameraState.Reconnecting, Status.LastError, _time.GetUtcNow()));
            try
            {
                await using var source = _sources.Create(configured.Definition);
                await source.OpenAsync(cancellation).AsTask().WaitAsync(_options.FrameTimeout, _time, cancellation);
                using var controls = ExposeControls(source as IDeviceControls);
                if (source is IDeviceControls deviceControls)
                {
                    await ApplyDevicePropertiesAsync(deviceControls, configured.Definition, cancellation);
                }

                // One timer re-armed per frame rather than a WaitAsync (a task and a timer) per frame.
                using var frameTimeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
                using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellation, frameTimeout.Token);
                while (true)
                {
                    frameTimeout.CancelAfter(_options.FrameTimeout);
                    using var frame = await ReadFrameAsync(source, reading.Token, frameTimeout.Token);
                    if (failures > 0 || Status.State != CameraState.Streaming)
                    {
                        failures = 0;
                        SetStatus(new(CameraState.Streaming, null, _time.GetUtcNow()));
                    }

                    _pipeline.Publish(frame, _configured.Definition);
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (PermanentFrameSourceException ended)
            {
                var reason = Redaction.RedactText(ended.Message, configured.Definition);
                LogSourceEnded(_logger, Id, reason!);
                SetStatus(new(CameraState.Failed, $"Camera '{Id}': {reason}", _time.GetUtcNow()));
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellation);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures++;
                Interlocked.Increment(ref _reconnects);
                _metrics?.Reconnects.Add(1, _tags);
                var delay = Backoff(failures);
                var message = ex switch
                {
                    TimeoutException => $"Camera '{Id}': no frame for {_options.FrameTimeout.TotalSeconds:0.#} s.",
                    _ => $"Camera '{Id}': {Redaction.RedactText(ex.Message, configured.Definition)}",
                };
                SetStatus(new(CameraState.Reconnecting, message, _time.GetUtcNow()));
                LogSourceFailed(_logger, ex is FrameSourceException or TimeoutException ? null : Redaction.RedactException(ex, configured.Definition), Id, message, failures, delay);
                await Task.Delay(delay, _time, cancellation);
            }
        }
    }

    /// <summary>The next frame; a source that sends nothing for <see cref="StreamingOptions.FrameTimeout"/> fails with a <see cref="TimeoutException"/>.</summary>
    private static async ValueTask<SourceFrame> ReadFrameAsync(IFrameSource source, CancellationToken reading, CancellationToken timedOut)
    {
        try
        {
            return await source.ReadFrameAsync(reading);
        }
        catch (OperationCanceledException) when (timedOut.IsCancellationRequested)
        {
            throw new TimeoutException();
        }
    }

    /// <summary>Makes the open source's device controls reachable through <see cref="DeviceControls"/> until disposed.</summary>
    private Scope ExposeControls(IDeviceControls? controls)
    {
        Volatile.Write(ref _deviceControls, controls);
        return new Scope(() => Volatile.Write(ref _deviceControls, null));
    }

    private async Task ApplyDevicePropertiesAsync(IDeviceControls controls, CameraDefinition definition, CancellationToken cancellation)
    {
        foreach (var (name, value) in definition.DeviceProperties)
        {
            if (await controls.TrySetAsync(name, value, cancellation) is { } refused)
            {
                LogDeviceRefused(_logger, Id, refused);
            }
        }
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    /// <summary>While a run is active, a few times per heartbeat interval: repeat stale frames or send a card saying why there is none.</summary>
    private async Task HeartbeatAsync(CancellationToken cancellation)
    {
        using var tick = new PeriodicTimer(_options.HeartbeatInterval / 4, _time);
        try
        {
            while (await tick.WaitForNextTickAsync(cancellation))
            {
                _pipeline.Beat(Status, Definition);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.ReconnectInitialDelay.Ticks * factor, _options.ReconnectMaxDelay.Ticks));
        return delay;
    }

    private CameraStatus RestingStatus() =>
        !_configured.IsValid ? new(CameraState.Failed, _configured.Error, _time.GetUtcNow())
        : !_configured.Definition.Enabled ? new(CameraState.Stopped, null, _time.GetUtcNow())
        : new(CameraState.Idle, null, _time.GetUtcNow());

    private void SetStatus(CameraStatus status)
    {
        var previous = Interlocked.Exchange(ref _status, status);
        if (previous.State == status.State && previous.LastError == status.LastError)
        {
            return;
        }

        LogStateChanged(_logger, Id, previous.State, status.State);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: {From} -> {To}")]
    private static partial void LogStateChanged(ILogger logger, string cameraId, CameraState from, CameraState to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} (camera {CameraId}, attempt {Attempt}, next try in {Delay})")]
    private static partial void LogSourceFailed(ILogger logger, Exception? exception, string cameraId, string message, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: {Message}")]
    private static partial void LogSourceEnded(ILogger logger, string cameraId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: {Refusal}")]
    private static partial void LogDeviceRefused(ILogger logger, string cameraId, string refusal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: no viewers for {IdleTimeout}, releasing the source")]
    private static partial void LogIdleStop(ILogger logger, string cameraId, TimeSpan idleTimeout);
}
