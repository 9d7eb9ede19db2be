using Streaming.Broadcasting;

namespace Streaming.Motion;

/// <summary>
/// Turns one camera's checks into events: an event starts at the first check that sees motion and ends once no
/// check has seen any for the quiet time; its end is the last check that did. Keeps the peak score and the frame
/// it was seen in (the thumbnail). Times are the frames' capture times. Not thread-safe: one camera's checks run in order.
/// </summary>
internal sealed class MotionEventTracker(string cameraId, TimeSpan quietTime)
{
    private MotionEvent? _open;

    /// <summary>The open event, if any.</summary>
    public MotionEvent? Open => _open;

    /// <summary>The frame of the open (or the last ended) event's peak score: its thumbnail.</summary>
    public JpegFrame? PeakFrame { get; private set; }

    /// <summary>The last time a check saw motion in the open event.</summary>
    public DateTimeOffset LastMotion { get; private set; }

    /// <summary>Records one check; returns what changed (an event started, or one ended), or null.</summary>
    public MotionNotice? Observe(MotionReading reading, JpegFrame frame)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(frame);
        var at = frame.CapturedAt;
        if (!reading.IsMotion)
        {
            return Expire(at);
        }

        if (_open is null)
        {
            _open = new MotionEvent { Id = Guid.CreateVersion7(at), CameraId = cameraId, Start = at, PeakScore = reading.Score };
            PeakFrame = frame;
            LastMotion = at;
            return new MotionNotice(MotionNoticeKind.Started, _open);
        }

        LastMotion = at;
        if (reading.Score > _open.PeakScore)
        {
            _open = _open with { PeakScore = reading.Score };
            PeakFrame = frame;
        }

        return null;
    }

    /// <summary>Ends the open event when the quiet time has passed by <paramref name="now"/> (also called without frames).</summary>
    public MotionNotice? Expire(DateTimeOffset now)
    {
        if (_open is null || now - LastMotion < quietTime)
        {
            return null;
        }

        return Close();
    }

    /// <summary>Ends the open event now (detection was turned off or the camera removed).</summary>
    public MotionNotice? Close()
    {
        if (_open is not { } open)
        {
            return null;
        }

        _open = null;
        return new MotionNotice(MotionNoticeKind.Ended, open with { End = LastMotion });
    }
}
