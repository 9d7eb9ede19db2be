using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Cameras;
using Streaming.Imaging;

namespace Streaming.Motion;

/// <summary>
/// Runs motion detection for every camera that has it on (and only those: a camera without it has no monitor,
/// no subscription and no cost), follows cameras being added, changed and removed, and gives each camera's
/// state to whoever watches it.
/// </summary>
public sealed partial class MotionService : IHostedService, IAsyncDisposable
{
    private readonly CameraRegistry _cameras;
    private readonly MotionOptions _options;
    private readonly ClipStorage _storage;
    private readonly ILogger _logger;
    private readonly MotionNotices _notices;
#pragma warning disable CA2213 // See DisposeAsync.
    private readonly SemaphoreSlim _sync = new(1, 1);
#pragma warning restore CA2213
    private readonly ConcurrentDictionary<string, MotionMonitor> _monitors = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, MotionEvent> _lastEvents = new(StringComparer.OrdinalIgnoreCase);
    private ImmutableArray<(string CameraId, Channel<MotionStatus> Channel)> _watchers = [];
    private int _disposed;

    private readonly MotionMetrics? _metrics;

    public MotionService(CameraRegistry cameras, IOptions<MotionOptions> options, ClipStorage storage, IEnumerable<IMotionEventSink> sinks, ILoggerFactory loggers, MotionMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _cameras = cameras;
        _options = options.Value;
        _storage = storage;
        _logger = loggers.CreateLogger<MotionService>();
        _notices = new MotionNotices(sinks, _logger);
        _metrics = metrics;
        metrics?.Observe(this);
    }

    /// <summary>The camera's motion state now (off for a camera without detection or unknown).</summary>
    public MotionStatus StatusOf(string cameraId) =>
        _monitors.TryGetValue(cameraId, out var monitor) ? monitor.Status : MotionStatus.Off(cameraId, _lastEvents.GetValueOrDefault(cameraId));

    /// <summary>The camera's state now and after every check that changes it; the newest replaces one not yet read.</summary>
    public async IAsyncEnumerable<MotionStatus> WatchAsync(string cameraId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<MotionStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var entry = (cameraId, channel);
        ImmutableInterlocked.Update(ref _watchers, w => w.Add(entry));
        try
        {
            // Subscribe first, then send the current state: a change in between is at worst sent twice.
            yield return StatusOf(cameraId);
            await foreach (var status in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return status;
            }
        }
        finally
        {
            ImmutableInterlocked.Update(ref _watchers, w => w.Remove(entry));
        }
    }

    /// <summary>Deletes an event's clip and thumbnail and tells the sinks (storage removes the event).</summary>
    public void Delete(MotionEvent motionEvent)
    {
        ArgumentNullException.ThrowIfNull(motionEvent);
        _storage.Delete(motionEvent.CameraId, motionEvent.Id);
        _notices.Publish(new MotionNotice(MotionNoticeKind.Deleted, motionEvent));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _cameras.CamerasChanged += OnCamerasChanged;
        await SyncAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _cameras.CamerasChanged -= OnCamerasChanged;
        await _sync.WaitAsync(cancellationToken);
        try
        {
            await Task.WhenAll(_monitors.Values.Select(m => m.DisposeAsync().AsTask()));
            _monitors.Clear();
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>Stops detection and lets the sinks finish. Idempotent: DI disposes it as itself and as a hosted service.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        await _notices.DisposeAsync();

        // _sync is not disposed: it never made a wait handle, and the host may still call StopAsync after this.
    }

    private async void OnCamerasChanged(object? sender, EventArgs e)
    {
        try
        {
            await SyncAsync();
        }
#pragma warning disable CA1031 // An event handler: the failure is logged, the next change syncs again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogSyncFailed(_logger, exception);
        }
    }

    /// <summary>A monitor for each camera with detection on (settings passed on the fly), none for the others.</summary>
    private async Task SyncAsync()
    {
        await _sync.WaitAsync();
        try
        {
            var wanted = _cameras.Cameras
                .Where(c => c.Definition.Motion.Enabled && c.Definition.Enabled && c.Problems.Count == 0 && OpenCvRuntime.IsAvailable)
                .ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
            foreach (var (id, monitor) in _monitors)
            {
                if (!wanted.ContainsKey(id) && _monitors.TryRemove(id, out _))
                {
                    await monitor.DisposeAsync();
                    Send(MotionStatus.Off(id, _lastEvents.GetValueOrDefault(id)));
                }
            }

            foreach (var (id, camera) in wanted)
            {
                if (_monitors.TryGetValue(id, out var running))
                {
                    running.Update(camera.Definition.Motion);
                    continue;
                }

                _monitors[id] = new MotionMonitor(camera, id, camera.Definition.Motion, _options, _storage, OnNotice, Send, _logger, _lastEvents.GetValueOrDefault(id));
                Send(_monitors[id].Status);
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    private void OnNotice(MotionNotice notice)
    {
        if (notice.Kind == MotionNoticeKind.Started)
        {
            _metrics?.Events.Add(1, Diagnostics.StreamingMetrics.Camera(notice.Event.CameraId));
        }

        if (notice.Kind == MotionNoticeKind.Ended)
        {
            _lastEvents[notice.Event.CameraId] = notice.Event;
        }

        _notices.Publish(notice);
    }

    private void Send(MotionStatus status)
    {
        foreach (var (cameraId, channel) in _watchers)
        {
            if (string.Equals(cameraId, status.CameraId, StringComparison.OrdinalIgnoreCase))
            {
                channel.Writer.TryWrite(status);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying motion settings after a camera change failed")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
