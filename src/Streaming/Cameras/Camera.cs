using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Streaming.Broadcasting;
using Streaming.Diagnostics;
using Streaming.Sources;

namespace Streaming.Cameras;

/// <summary>
/// One camera at run time: its capture (<see cref="CameraCapture"/>, one thread per run) starts with the first
/// subscriber, and the source is released after the last subscriber has been gone for the idle timeout; settings
/// change while viewers stay connected. Each frame goes through the camera's <see cref="FramePipeline"/>.
/// </summary>
public sealed partial class Camera : IAsyncDisposable
{
    private readonly StreamingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly FramePipeline _pipeline;
    private readonly CameraCapture _capture;
    private ConfiguredCamera _configured;
    private CancellationTokenSource? _run;
    private Task _running = Task.CompletedTask;
    private ITimer? _idleTimer;
    private bool _disposed;

    internal Camera(ConfiguredCamera configured, IFrameSourceFactory sources, StreamingOptions options, TimeProvider time, ILogger logger, StreamingMetrics? metrics = null)
    {
        _configured = configured;
        _options = options;
        _time = time;
        _logger = logger;
        _pipeline = new FramePipeline(configured.Definition.Id, options, time, metrics);
        _capture = new CameraCapture(configured.Definition.Id, () => Volatile.Read(ref _configured), sources, options, time, logger, _pipeline, metrics);
        if (NeedsCapture)
        {
            EnsureRunning();
        }
    }

    public string Id => _configured.Definition.Id;

    public CameraDefinition Definition => _configured.Definition;

    /// <summary>What is wrong with the settings, if anything.</summary>
    public IReadOnlyList<SettingProblem> Problems => _configured.Problems;

    public CameraStatus Status => _capture.Status;

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
            pipeline.Latest?.Bytes ?? 0,
            pipeline.Latest?.Width ?? 0,
            pipeline.Latest?.Height ?? 0,
            pipeline.FramesCaptured,
            pipeline.FramesEncoded,
            pipeline.FramesDecoded,
            pipeline.Path.Kind is FramePathKind.PassedThrough or FramePathKind.DecodedForPreview,
            pipeline.Path,
            pipeline.PreviewFramesEncoded,
            Math.Round(pipeline.PreviewEncodeMilliseconds, 2),
            _capture.Reconnects,
            pipeline.Latest?.CapturedAt,
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
            controls = _capture.DeviceControls;
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
            await _capture.ApplyDevicePropertiesAsync(controls, configured.Definition, CancellationToken.None);
            EnsureRunning();
            return;
        }

        await StopAsync(run, stopped);
        lock (_gate)
        {
            if (!NeedsCapture)
            {
                _capture.Rest();
            }
        }

        EnsureRunning();
    }

    /// <summary>The device's controls while the camera runs a source that has them (a V4L2 webcam); else null.</summary>
    public IDeviceControls? DeviceControls => _capture.DeviceControls;

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
        try
        {
            await _capture.RunAsync(cancellation);
        }
        finally
        {
            _pipeline.Reset();
            lock (_gate)
            {
                if (_run is null)
                {
                    _capture.Rest();
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: no viewers for {IdleTimeout}, releasing the source")]
    private static partial void LogIdleStop(ILogger logger, string cameraId, TimeSpan idleTimeout);
}
