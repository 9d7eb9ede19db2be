namespace Streaming.Sources;

/// <summary>
/// Paces a source that has no clock of its own (a folder of files, a drawn pattern, a snapshot URL) at a fixed rate:
/// each frame is due one interval after the previous one was, and a source that fell more than an interval behind
/// (a busy machine) starts over from now instead of bursting. On the system clock the wait is one timed sleep of the
/// calling thread that cancelling ends; on any other clock (tests) it is a delay on that clock. The first frame is due
/// one interval after the pacer was made.
/// </summary>
internal sealed class FramePacer(double fps, TimeProvider time)
{
    private readonly long _interval = (long)(time.TimestampFrequency / fps);
    private long _due = time.GetTimestamp();

    /// <summary>Blocks until the next frame is due.</summary>
    public void Wait(CancellationToken cancellationToken)
    {
        var wait = Next();
        if (wait <= TimeSpan.Zero)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
        else if (time == TimeProvider.System)
        {
            cancellationToken.WaitHandle.WaitOne(wait);
            cancellationToken.ThrowIfCancellationRequested();
        }
        else
        {
            Task.Delay(wait, time, cancellationToken).GetAwaiter().GetResult();
        }
    }

    /// <summary>Waits until the next frame is due, without holding a thread.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Next();
        cancellationToken.ThrowIfCancellationRequested();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>How long until the next frame is due; moves the schedule on by one frame.</summary>
    private TimeSpan Next()
    {
        var now = time.GetTimestamp();
        _due += _interval;
        if (now - _due > _interval)
        {
            _due = now;
        }

        return time.GetElapsedTime(now, _due);
    }
}
