namespace Streaming.Cameras;

/// <summary>
/// Work at most a given number of times a second on a stream of moments (frames): a moment is due from half an
/// interval before its slot, so a source slightly faster than the rate is not halved; after a pause (more than an
/// interval late) the schedule starts again from that moment instead of catching up. Used by the previews and by
/// motion checks. Not thread-safe: one caller, the camera's frame path.
/// </summary>
internal sealed class RateSchedule(double perSecond)
{
    private readonly long _intervalTicks = (long)(TimeSpan.TicksPerSecond / perSecond);
    private long _nextTicks;

    /// <summary>True when a moment at <paramref name="nowTicks"/> is due, and then moves the schedule on.</summary>
    public bool TakeDue(long nowTicks)
    {
        if (nowTicks < _nextTicks - (_intervalTicks / 2))
        {
            return false;
        }

        _nextTicks = (nowTicks - _nextTicks > _intervalTicks ? nowTicks : _nextTicks) + _intervalTicks;
        return true;
    }
}
