using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// Remembers, briefly and in memory, that a password was right for a user, so HTTP Basic (sent with every
/// request by Home Assistant, VLC, ffmpeg) costs one password hash per <see cref="AuthOptions.CredentialCacheDuration"/>
/// instead of one per request. Holds an HMAC of the password under a key made for this process, never the
/// password, and the principal made for the user (roles and claims: queries saved too); an entry counts only while
/// the user's security stamp is the one it was made with, so a new password, role, disabling or deleting the user
/// drops it at once. Only successes are remembered.
/// </summary>
public sealed class CredentialCache(TimeProvider time, IOptions<AuthOptions> options)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>True when this password was verified for the user, as the user is now, a short while ago.</summary>
    public bool Matches(DashboardUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Current(user) is { } entry && CryptographicOperations.FixedTimeEquals(entry.PasswordMac, Mac(user.Id, password));
    }

    /// <summary>Remembers a password just verified for the user.</summary>
    public void Remember(DashboardUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var duration = options.Value.CredentialCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        _entries[user.Id] = new Entry(Mac(user.Id, password), user.SecurityStamp, now + duration, null);

        // One entry per user at most; a deleted user's entry goes when it is next seen expired.
        foreach (var (id, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(id, entry));
            }
        }
    }

    /// <summary>The principal made for the user while the entry holds (a copy: requests may not share one).</summary>
    public ClaimsPrincipal? PrincipalFor(DashboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Current(user) is { Principal: { } principal } ? principal.Clone() : null;
    }

    /// <summary>Keeps the principal made for the user with the entry, so later requests need no role and claim queries.</summary>
    public void Keep(DashboardUser user, ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(principal);
        if (Current(user) is { } entry)
        {
            _entries.TryUpdate(user.Id, entry with { Principal = principal.Clone() }, entry);
        }
    }

    private Entry? Current(DashboardUser user) =>
        _entries.TryGetValue(user.Id, out var entry)
        && entry.ExpiresAt > time.GetUtcNow()
        && string.Equals(entry.SecurityStamp, user.SecurityStamp, StringComparison.Ordinal)
            ? entry
            : null;

    private byte[] Mac(string userId, string password) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{userId}\n{password}"));

    private sealed record Entry(byte[] PasswordMac, string? SecurityStamp, DateTimeOffset ExpiresAt, ClaimsPrincipal? Principal);
}
