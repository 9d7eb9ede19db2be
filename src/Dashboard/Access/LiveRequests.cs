using System.Collections.Concurrent;

namespace Dashboard.Access;

/// <summary>
/// The requests being served right now for a key (a share link, a user), so they can all be ended at once:
/// a long MJPEG stream or a dashboard's circuit would otherwise outlive the access it was granted under.
/// </summary>
internal sealed class LiveRequests<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, ConcurrentDictionary<object, Action>> _live = new();

    /// <summary>Registers a request; <paramref name="end"/> runs when the key is ended. Dispose when the request ends.</summary>
    public IDisposable Track(TKey key, Action end)
    {
        ArgumentNullException.ThrowIfNull(end);
        var token = new object();
        _live.GetOrAdd(key, _ => new()).TryAdd(token, end);
        return new Registration(() =>
        {
            if (_live.TryGetValue(key, out var requests))
            {
                requests.TryRemove(token, out _);
            }
        });
    }

    /// <summary>Ends every request registered for the key so far.</summary>
    public void End(TKey key)
    {
        if (_live.TryRemove(key, out var requests))
        {
            foreach (var end in requests.Values)
            {
                end();
            }
        }
    }

    internal sealed class Registration(Action dispose) : IDisposable
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
