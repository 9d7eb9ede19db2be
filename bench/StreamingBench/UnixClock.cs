namespace StreamingBench;

/// <summary>
/// Wall clock in Unix microseconds, the same clock the server stamps X-Timestamp with
/// (DateTimeOffset.UtcNow, i.e. CLOCK_REALTIME, which is high resolution on Linux).
/// </summary>
internal static class UnixClock
{
    public static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / (TimeSpan.TicksPerMillisecond / 1000);
}
