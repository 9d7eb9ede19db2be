using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Broadcasting;
using Streaming.Motion;

namespace Streaming.Tests.Motion;

/// <summary>A camera's motion monitor fed frames by the test, with a clip folder of its own and the notices it gave.</summary>
internal sealed class MotionRig : IAsyncDisposable
{
    private readonly MotionMonitor _monitor;

    public MotionRig(MotionSettings? settings = null, Action<MotionOptions>? configure = null)
    {
        Options = new MotionOptions { ClipDirectory = Folder, MinFreeBytes = 0 };
        configure?.Invoke(Options);
        Storage = new ClipStorage(Options);
        _monitor = new MotionMonitor(null, "cam", settings ?? new MotionSettings { Enabled = true }, Options, Storage, Notices.Enqueue, Statuses.Enqueue, NullLogger.Instance);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("motion-").FullName;

    public MotionOptions Options { get; }

    public ClipStorage Storage { get; }

    public ConcurrentQueue<MotionNotice> Notices { get; } = new();

    public ConcurrentQueue<MotionStatus> Statuses { get; } = new();

    public MotionStatus Status => _monitor.Status;

    public IReadOnlyList<MotionEvent> Ended => [.. Notices.Where(n => n.Kind == MotionNoticeKind.Ended).Select(n => n.Event)];

    public IReadOnlyList<MotionEvent> Started => [.. Notices.Where(n => n.Kind == MotionNoticeKind.Started).Select(n => n.Event)];

    /// <summary>Offers the frames as a camera would (in order) and waits until all are handled.</summary>
    public async Task PlayAsync(IEnumerable<JpegFrame> frames)
    {
        var offered = 0;
        foreach (var frame in frames)
        {
            _monitor.Offer(frame);
            if (++offered % 64 == 0)
            {
                // The monitor's queue drops its oldest frames beyond 256; a camera never gets that far ahead.
                await _monitor.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        await _monitor.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Stops the monitor (an open event ends, its clip is finished).</summary>
    public ValueTask StopAsync() => _monitor.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await _monitor.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
