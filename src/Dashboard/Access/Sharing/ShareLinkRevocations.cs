using System.Collections.Concurrent;

namespace Dashboard.Access.Sharing;

/// <summary>
/// Tracks the requests a share link is serving, so revoking the link (or its expiry) ends its live
/// streams at once instead of when the viewer happens to reconnect.
/// </summary>
public sealed class ShareLinkRevocations(TimeProvider time)
{
    private static readonly TimeSpan MaxTimerStep = TimeSpan.FromDays(20);

    private readonly LiveRequests<Guid> _live = new();

    // Links revoked while this process runs: a request that found its link still active just before the
    // revocation and registers just after it is ended on registering, instead of streaming on.
    private readonly ConcurrentDictionary<Guid, byte> _revoked = new();

    /// <summary>Registers a request served by a link; <paramref name="end"/> runs on revocation or expiry. Dispose when the request ends.</summary>
    public IDisposable Track(Guid linkId, DateTimeOffset? expiresAt, Action end)
    {
        ArgumentNullException.ThrowIfNull(end);
        var registration = _live.Track(linkId, end);
        var expiry = expiresAt is { } at ? ExpiryTimer(at, end) : null;
        if (_revoked.ContainsKey(linkId))
        {
            end();
        }

        return new LiveRequests<Guid>.Registration(() =>
        {
            expiry?.Dispose();
            registration.Dispose();
        });
    }

    /// <summary>Ends every request the link is serving.</summary>
    public void Revoke(Guid linkId)
    {
        _revoked.TryAdd(linkId, 0);
        _live.End(linkId);
    }

    /// <summary>
    /// Runs <paramref name="end"/> at <paramref name="expiresAt"/>. A timer cannot wait longer than about 49 days,
    /// and links may last longer: a far expiry is reached in steps.
    /// </summary>
    private ITimer ExpiryTimer(DateTimeOffset expiresAt, Action end)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            if (Remaining(expiresAt) > TimeSpan.Zero)
            {
                timer?.Change(Step(expiresAt), Timeout.InfiniteTimeSpan);
            }
            else
            {
                end();
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(Step(expiresAt), Timeout.InfiniteTimeSpan);
        return timer;
    }

    private TimeSpan Step(DateTimeOffset expiresAt) => TimeSpan.FromTicks(Math.Clamp(Remaining(expiresAt).Ticks, 0, MaxTimerStep.Ticks));

    private TimeSpan Remaining(DateTimeOffset expiresAt) => expiresAt - time.GetUtcNow();
}
