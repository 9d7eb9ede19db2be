using System.Collections.Concurrent;

namespace Dashboard.Security;

/// <summary>
/// Tracks the requests a share link is serving, so revoking the link (or its expiry) ends its live
/// streams at once instead of when the viewer happens to reconnect.
/// </summary>
public sealed class ShareLinkRevocations(TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<object, Action>> _live = new();

    /// <summary>Registers a request served by a link; <paramref name="end"/> runs on revocation or expiry. Dispose when the request ends.</summary>
    public IDisposable Track(Guid linkId, DateTimeOffset? expiresAt, Action end)
    {
        ArgumentNullException.ThrowIfNull(end);
        var key = new object();
        _live.GetOrAdd(linkId, _ => new()).TryAdd(key, end);
        var expiry = expiresAt is { } at
            ? time.CreateTimer(_ => end(), null, at - time.GetUtcNow() > TimeSpan.Zero ? at - time.GetUtcNow() : TimeSpan.Zero, Timeout.InfiniteTimeSpan)
            : null;
        return new Registration(() =>
        {
            expiry?.Dispose();
            if (_live.TryGetValue(linkId, out var requests))
            {
                requests.TryRemove(key, out _);
            }
        });
    }

    /// <summary>Ends every request the link is serving.</summary>
    public void Revoke(Guid linkId)
    {
        if (_live.TryRemove(linkId, out var requests))
        {
            foreach (var end in requests.Values)
            {
                end();
            }
        }
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
