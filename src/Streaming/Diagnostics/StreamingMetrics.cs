using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Diagnostics;

/// <summary>
/// The streaming library's instruments (System.Diagnostics.Metrics, meter <see cref="MeterName"/>): the per-frame
/// counters read from <see cref="FrameCounters"/> totals and the gauges read from the cameras when an exporter
/// collects; the rarer counters and the histograms recorded as they happen.
/// </summary>
public sealed class StreamingMetrics
{
    public const string MeterName = "CameraDashboard.Streaming";

    private readonly ConcurrentDictionary<string, FrameCounters> _captured = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Camera, SubscriberKind Kind), FrameCounters> _delivered = new();
    private CameraRegistry? _cameras;

    public StreamingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("camera.frames.captured", () => Observe(_captured.Values, c => c.Frames), "{frame}", "Frames read from the source");
        FramesEncoded = meter.CreateCounter<long>("camera.frames.encoded", "{frame}", "Frames JPEG-encoded by the server (passed-through frames are not)");
        EncodeDuration = meter.CreateHistogram<double>("camera.encode.duration", "s", "Time to adjust and encode one frame");
        FrameSize = meter.CreateHistogram<long>("camera.frame.size", "By", "Size of each published JPEG frame");
        Reconnects = meter.CreateCounter<long>("camera.source.reconnects", "{reconnect}", "Times a failed source was reopened");
        meter.CreateObservableCounter("camera.frames.sent", () => Observe(_delivered.Values, c => c.Frames), "{frame}", "Frames handed to subscribers");
        meter.CreateObservableCounter("camera.frames.skipped", () => Observe(_delivered.Values, c => c.Skipped), "{frame}", "Frames replaced before a slow subscriber took them");
        meter.CreateObservableCounter("camera.sent", () => Observe(_delivered.Values, c => c.Bytes), "By", "JPEG bytes handed to subscribers");
        meter.CreateObservableGauge("camera.capture.fps", () => Each(c => new Measurement<double>(c.CaptureFps, Camera(c.Id))), null, "Frames captured per second");
        meter.CreateObservableGauge("camera.subscribers", ObserveSubscribers, "{subscriber}", "Current subscribers by kind");
        meter.CreateObservableGauge("camera.state", ObserveStates, "{state}", "1 for the state each camera is in");
    }

    internal Counter<long> FramesEncoded { get; }

    internal Histogram<double> EncodeDuration { get; }

    internal Histogram<long> FrameSize { get; }

    internal Counter<long> Reconnects { get; }

    /// <summary>Tags identifying a camera (cached per camera; measurements reuse the array).</summary>
    internal static KeyValuePair<string, object?>[] Camera(string id) => [new("camera", id)];

    internal static KeyValuePair<string, object?>[] Subscriber(string cameraId, SubscriberKind kind) =>
        [new("camera", cameraId), new("kind", kind.ToString().ToLowerInvariant())];

    /// <summary>The totals of frames captured by a camera (shared by its pipelines, one after another).</summary>
    internal FrameCounters CapturedBy(string cameraId) =>
        _captured.GetOrAdd(cameraId, static id => new FrameCounters(Camera(id)));

    /// <summary>The totals of frames and bytes sent to, and skipped by, a camera's subscribers of one kind.</summary>
    internal FrameCounters DeliveredTo(string cameraId, SubscriberKind kind) =>
        _delivered.GetOrAdd((cameraId, kind), static key => new FrameCounters(Subscriber(key.Camera, key.Kind)));

    /// <summary>Gives the gauges their cameras (the registry registers itself when it is created).</summary>
    internal void Observe(CameraRegistry cameras) => _cameras = cameras;

    private static List<Measurement<long>> Observe(ICollection<FrameCounters> counters, Func<FrameCounters, long> read) =>
        [.. counters.Select(c => new Measurement<long>(read(c), c.Tags))];

    private List<Measurement<T>> Each<T>(Func<CameraStatistics, Measurement<T>> measure)
        where T : struct =>
        [.. (_cameras?.Cameras ?? []).Select(c => measure(c.ReadStatistics()))];

    private List<Measurement<int>> ObserveSubscribers() =>
        [.. (_cameras?.Cameras ?? []).SelectMany(camera =>
        {
            var subscribers = camera.ReadStatistics().Subscribers;
            return Enum.GetValues<SubscriberKind>().Select(kind =>
                new Measurement<int>(subscribers.Count(s => s.Kind == kind), Subscriber(camera.Id, kind)));
        })];

    private List<Measurement<int>> ObserveStates() =>
        [.. (_cameras?.Cameras ?? []).SelectMany(camera => Enum.GetValues<CameraState>().Select(state =>
            new Measurement<int>(camera.State == state ? 1 : 0, [new("camera", camera.Id), new("state", state.ToString().ToLowerInvariant())])))];
}
