using Streaming.Diagnostics;

namespace Streaming.Cameras;

/// <summary>Counts the frames a pipeline encodes and keeps their moving-average encode time (the one place it is computed).</summary>
internal sealed class EncodeMeter(TimeProvider time, StreamingMetrics? metrics = null, KeyValuePair<string, object?>[]? tags = null)
{
    private long _count;
    private double _milliseconds;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Exponential moving average over roughly the last ten frames, in milliseconds.</summary>
    public double AverageMilliseconds => Volatile.Read(ref _milliseconds);

    /// <summary>Records one encode that began at <paramref name="startedTimestamp"/> (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public void Record(long startedTimestamp)
    {
        var elapsed = time.GetElapsedTime(startedTimestamp).TotalMilliseconds;
        Interlocked.Increment(ref _count);
        var average = Volatile.Read(ref _milliseconds);
        Volatile.Write(ref _milliseconds, average == 0 ? elapsed : average * 0.9 + elapsed * 0.1);
        if (metrics is not null)
        {
            metrics.FramesEncoded.Add(1, tags ?? []);
            metrics.EncodeDuration.Record(elapsed / 1000, tags ?? []);
        }
    }
}
