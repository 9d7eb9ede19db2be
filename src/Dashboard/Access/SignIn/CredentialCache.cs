using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.SignIn;

/// <summary>
/// Remembers, briefly and in memory, that a password was right for a user, so HTTP Basic (sent with every request
/// by Home Assistant, VLC, ffmpeg) costs one password hash per <see cref="AuthOptions.CredentialCacheDuration"/>
/// instead of one per request, and no database read either. An entry holds an HMAC of the password under a key made
/// for this process (never the password), the user's security stamp and the principal made for the user. It is
/// dropped at once when the dashboard changes the user (<see cref="UserSessions.End"/>: a new password or role,
/// disabled, deleted) or locks the account; and it is used without a database read only while its stamp was checked
/// against the database within the cookie's stamp-check interval, so a change made any other way is seen as soon as
/// a cookie's would be. Only successes are remembered.
/// </summary>
public sealed class CredentialCache(TimeProvider time, IOptions<AuthOptions> options, IOptions<SecurityStampValidatorOptions> stampOptions)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    // By the user name as the tool sends it.
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Without the database: whether this (name, password) was verified lately and its stamp checked within the
    /// stamp-check interval; if so, the user's id and a copy of the principal (requests may not share one).
    /// </summary>
    public bool TryHit(string userName, string password, out string userId, out ClaimsPrincipal principal)
    {
        (userId, principal) = ("", new ClaimsPrincipal());
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(userName, out var entry)
            || entry.ExpiresAt <= now
            || now - entry.CheckedAt > stampOptions.Value.ValidationInterval
            || entry.Principal is null
            || !CryptographicOperations.FixedTimeEquals(entry.PasswordMac, Mac(entry.UserId, password)))
        {
            return false;
        }

        (userId, principal) = (entry.UserId, entry.Principal.Clone());
        return true;
    }

    /// <summary>With the user just read: whether this password was verified for the user as it is now; if so, its stamp counts as checked.</summary>
    public bool Matches(string userName, DashboardUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Current(userName, user) is not { } entry || !CryptographicOperations.FixedTimeEquals(entry.PasswordMac, Mac(user.Id, password)))
        {
            return false;
        }

        _entries.TryUpdate(userName, entry with { CheckedAt = time.GetUtcNow() }, entry);
        return true;
    }

    /// <summary>Remembers a password just verified for the user.</summary>
    public void Remember(string userName, DashboardUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var duration = options.Value.CredentialCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        _entries[userName] = new Entry(user.Id, Mac(user.Id, password), user.SecurityStamp, now + duration, now, null);
        foreach (var (name, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(name, entry));
            }
        }
    }

    /// <summary>The principal kept with the user's entry (a copy), if it is current.</summary>
    public ClaimsPrincipal? PrincipalFor(string userName, DashboardUser user) =>
        Current(userName, user) is { Principal: { } principal } ? principal.Clone() : null;

    /// <summary>Keeps the principal made for the user with its entry: later requests need no role and claim queries.</summary>
    public void Keep(string userName, DashboardUser user, ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (Current(userName, user) is { } entry)
        {
            _entries.TryUpdate(userName, entry with { Principal = principal.Clone() }, entry);
        }
    }

    /// <summary>Forgets every password remembered for the user.</summary>
    public void Drop(string userId)
    {
        foreach (var (name, entry) in _entries)
        {
            if (entry.UserId == userId)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(name, entry));
            }
        }
    }

    private Entry? Current(string userName, DashboardUser user) =>
        _entries.TryGetValue(userName, out var entry)
        && entry.UserId == user.Id
        && entry.ExpiresAt > time.GetUtcNow()
        && string.Equals(entry.SecurityStamp, user.SecurityStamp, StringComparison.Ordinal)
            ? entry
            : null;

    private byte[] Mac(string userId, string password) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{userId}\n{password}"));

    private sealed record Entry(string UserId, byte[] PasswordMac, string? SecurityStamp, DateTimeOffset ExpiresAt, DateTimeOffset CheckedAt, ClaimsPrincipal? Principal);
}
