using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.SignIn;

/// <summary>
/// Wrong passwords per account and client address (in memory): after <see cref="AuthOptions.MaxFailedAttempts"/>
/// within <see cref="AuthOptions.LockoutDuration"/>, that address may not sign in to that account for the lockout
/// duration. Identity's own lockout, with the higher <see cref="AuthOptions.AccountMaxFailedAttempts"/>, is the
/// per-account limit on top; so guesses from one address never lock the owner out of their account elsewhere.
/// </summary>
public sealed class SignInLockouts(TimeProvider time, IOptions<AuthOptions> options)
{
    // Far more than a household's users times their addresses; above it, stale entries are dropped.
    private const int PruneAbove = 4096;

    private readonly ConcurrentDictionary<(string UserId, IPAddress Address), Entry> _entries = new();

    public bool IsLocked(string userId, IPAddress? address) =>
        _entries.TryGetValue(Key(userId, address), out var entry) && entry.LockedUntil > time.GetUtcNow();

    public void RecordFailure(string userId, IPAddress? address)
    {
        var now = time.GetUtcNow();
        var auth = options.Value;
        _entries.AddOrUpdate(
            Key(userId, address),
            _ => Next(new Entry(0, now, DateTimeOffset.MinValue)),
            (_, entry) => Next(now - entry.LastFailure > auth.LockoutDuration ? new Entry(0, now, DateTimeOffset.MinValue) : entry));
        if (_entries.Count > PruneAbove)
        {
            Prune(now, auth.LockoutDuration);
        }

        Entry Next(Entry entry) => entry.Failures + 1 >= auth.MaxFailedAttempts
            ? new Entry(0, now, now + auth.LockoutDuration)
            : entry with { Failures = entry.Failures + 1, LastFailure = now };
    }

    /// <summary>A right password from the address: its count for the account starts again.</summary>
    public void Reset(string userId, IPAddress? address) => _entries.TryRemove(Key(userId, address), out _);

    /// <summary>An admin's unlock: every address may try the account again.</summary>
    public void Reset(string userId)
    {
        foreach (var key in _entries.Keys.Where(k => k.UserId == userId))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private void Prune(DateTimeOffset now, TimeSpan window)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.LockedUntil <= now && now - entry.LastFailure > window)
            {
                _entries.TryRemove(new KeyValuePair<(string, IPAddress), Entry>(key, entry));
            }
        }
    }

    private static (string, IPAddress) Key(string userId, IPAddress? address) =>
        (userId, address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address ?? IPAddress.None);

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset LockedUntil);
}
