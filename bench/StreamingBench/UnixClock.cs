namespace StreamingBench;

/// <summary>
/// Wall clock in Unix microseconds, the same clock the server stamps X-Timestamp with
/// (DateTimeOffset.UtcNow, i.e. CLOCK_REALTIME, which is high resolution on Linux).
/// </summary>
internal static class UnixClock
{
    public static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>A time (e.g. a part's <c>X-Timestamp</c>) in Unix microseconds.</summary>
    public static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
