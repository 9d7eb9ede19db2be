namespace Streaming.Motion;

/// <summary>
/// A camera's motion state as of its latest check: whether detection runs, whether the latest check saw motion
/// (and where), the open or last event, why recording is paused (if it is), and how many checks ran.
/// </summary>
public sealed record MotionStatus(
    string CameraId,
    bool Enabled,
    bool Moving,
    double Score,
    MotionRegion? Region,
    MotionEvent? CurrentEvent,
    MotionEvent? LastEvent,
    string? RecordingWarning,
    DateTimeOffset? CheckedAt,
    long Checks = 0)
{
    public static MotionStatus Off(string cameraId, MotionEvent? lastEvent = null) =>
        new(cameraId, false, false, 0, null, null, lastEvent, null, null);

    /// <summary>An event is open: the badge shows from the first check that saw motion until the quiet time ends it.</summary>
    public bool Active => CurrentEvent is not null;
}
