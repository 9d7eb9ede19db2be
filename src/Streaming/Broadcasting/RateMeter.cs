namespace Streaming.Broadcasting;

/// <summary>
/// Events per second over a short sliding window, kept in fixed time buckets so memory stays constant.
/// </summary>
public sealed class RateMeter
{
    private const int BucketCount = 8;
    private static readonly TimeSpan BucketWidth = TimeSpan.FromMilliseconds(250);
    private readonly TimeProvider _time;
    private readonly long[] _counts = new long[BucketCount];
    private readonly long[] _epochs = new long[BucketCount];
    private readonly Lock _gate = new();

    public RateMeter(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The window the rate is averaged over (the newest, still filling bucket excluded).</summary>
    public static TimeSpan Window => BucketWidth * (BucketCount - 1);

    public void Record()
    {
        var epoch = CurrentEpoch();
        var slot = (int)(epoch % BucketCount);
        lock (_gate)
        {
            if (_epochs[slot] != epoch)
            {
                _epochs[slot] = epoch;
                _counts[slot] = 0;
            }

            _counts[slot]++;
        }
    }

    public double PerSecond()
    {
        var current = CurrentEpoch();
        long total = 0;
        lock (_gate)
        {
            for (var i = 0; i < BucketCount; i++)
            {
                var age = current - _epochs[i];
                if (age >= 1 && age < BucketCount)
                {
                    total += _counts[i];
                }
            }
        }

        return total / Window.TotalSeconds;
    }

    private long CurrentEpoch() => _time.GetUtcNow().Ticks / BucketWidth.Ticks;
}
