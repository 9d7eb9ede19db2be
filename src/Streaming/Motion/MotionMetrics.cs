using System.Diagnostics.Metrics;
using Streaming.Cameras;
using Streaming.Diagnostics;

namespace Streaming.Motion;

/// <summary>
/// Motion's instruments, on the streaming library's meter (<see cref="StreamingMetrics.MeterName"/>): events started
/// per camera, and gauges read from the cameras' motion state when an exporter collects.
/// </summary>
public sealed class MotionMetrics
{
    private MotionService? _motion;
    private readonly CameraRegistry _cameras;

    public MotionMetrics(IMeterFactory meters, CameraRegistry cameras)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _cameras = cameras;
        var meter = meters.Create(StreamingMetrics.MeterName);
        Events = meter.CreateCounter<long>("camera.motion.events", "{event}", "Motion events started");
        meter.CreateObservableGauge("camera.motion.active", () => Each(s => s.Active ? 1 : 0), "{event}", "1 while a motion event is open, per camera with detection on");
        meter.CreateObservableGauge("camera.motion.score", () => Each(s => s.Score), "%", "Share of the watched picture that changed in the latest check");
        meter.CreateObservableGauge(
            "camera.motion.last_event",
            () => Each(s => s.LastEvent?.End is { } end ? end.ToUnixTimeMilliseconds() / 1000.0 : 0),
            "s",
            "End of the camera's last motion event (Unix seconds; 0: none since start)");
    }

    internal Counter<long> Events { get; }

    internal void Observe(MotionService motion) => _motion = motion;

    private List<Measurement<T>> Each<T>(Func<MotionStatus, T> read)
        where T : struct =>
        _motion is not { } motion
            ? []
            : [.. _cameras.Cameras.Select(c => motion.StatusOf(c.Id)).Where(s => s.Enabled).Select(s => new Measurement<T>(read(s), StreamingMetrics.Camera(s.CameraId)))];
}
