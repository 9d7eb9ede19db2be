using System.Diagnostics;

namespace StreamingBench;

/// <summary>
/// Token bucket for a slow reader: at most <paramref name="bytesPerSecond"/> on average, with a
/// burst of one read, so a late timer does not turn into lost rate.
/// </summary>
internal sealed class ReadPacer(int bytesPerSecond, int burstBytes)
{
    private readonly long _burstTicks = TicksFor(burstBytes, bytesPerSecond);
    private long _nextTimestamp = Stopwatch.GetTimestamp();

    /// <summary>Waits until the bucket allows the next read.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _nextTimestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Takes <paramref name="bytes"/> just read out of the bucket.</summary>
    public void Consumed(int bytes)
    {
        _nextTimestamp = Math.Max(_nextTimestamp, Stopwatch.GetTimestamp() - _burstTicks) + TicksFor(bytes, bytesPerSecond);
    }

    private static long TicksFor(int bytes, int bytesPerSecond) => (long)((double)bytes / bytesPerSecond * Stopwatch.Frequency);
}
