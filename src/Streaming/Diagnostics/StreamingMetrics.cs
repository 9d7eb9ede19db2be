using System.Diagnostics.Metrics;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Diagnostics;

/// <summary>
/// The streaming library's instruments (System.Diagnostics.Metrics, meter <see cref="MeterName"/>): counters and
/// histograms recorded as frames flow, gauges read from the cameras when an exporter collects.
/// </summary>
public sealed class StreamingMetrics
{
    public const string MeterName = "CameraDashboard.Streaming";

    private CameraRegistry? _cameras;

    public StreamingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        FramesCaptured = meter.CreateCounter<long>("camera.frames.captured", "{frame}", "Frames read from the source");
        FramesEncoded = meter.CreateCounter<long>("camera.frames.encoded", "{frame}", "Frames JPEG-encoded by the server (passed-through frames are not)");
        EncodeDuration = meter.CreateHistogram<double>("camera.encode.duration", "s", "Time to adjust and encode one frame");
        FrameSize = meter.CreateHistogram<long>("camera.frame.size", "By", "Size of each published JPEG frame");
        Reconnects = meter.CreateCounter<long>("camera.source.reconnects", "{reconnect}", "Times a failed source was reopened");
        FramesSent = meter.CreateCounter<long>("camera.frames.sent", "{frame}", "Frames handed to subscribers");
        FramesSkipped = meter.CreateCounter<long>("camera.frames.skipped", "{frame}", "Frames replaced before a slow subscriber took them");
        BytesSent = meter.CreateCounter<long>("camera.sent", "By", "JPEG bytes handed to subscribers");
        meter.CreateObservableGauge("camera.capture.fps", () => Each(c => new Measurement<double>(c.CaptureFps, Camera(c.Id))), null, "Frames captured per second");
        meter.CreateObservableGauge("camera.subscribers", ObserveSubscribers, "{subscriber}", "Current subscribers by kind");
        meter.CreateObservableGauge("camera.state", ObserveStates, "{state}", "1 for the state each camera is in");
    }

    internal Counter<long> FramesCaptured { get; }

    internal Counter<long> FramesEncoded { get; }

    internal Histogram<double> EncodeDuration { get; }

    internal Histogram<long> FrameSize { get; }

    internal Counter<long> Reconnects { get; }

    internal Counter<long> FramesSent { get; }

    internal Counter<long> FramesSkipped { get; }

    internal Counter<long> BytesSent { get; }

    /// <summary>Tags identifying a camera (cached per camera; measurements reuse the array).</summary>
    internal static KeyValuePair<string, object?>[] Camera(string id) => [new("camera", id)];

    internal static KeyValuePair<string, object?>[] Subscriber(string cameraId, SubscriberKind kind) =>
        [new("camera", cameraId), new("kind", kind.ToString().ToLowerInvariant())];

    /// <summary>Gives the gauges their cameras (the registry registers itself when it is created).</summary>
    internal void Observe(CameraRegistry cameras) => _cameras = cameras;

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
