using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.SignIn;

/// <summary>
/// What a signed-in user is doing right now (streams, the dashboard's circuit, any request made with the
/// sign-in cookie or HTTP Basic), so an admin's change to that user takes effect at once instead of at the
/// next security-stamp check (up to a minute later):
/// <list type="bullet">
/// <item>the user's live requests are aborted (a disabled user's VLC stops; the dashboard reconnects and finds the sign-in gone);</item>
/// <item>the next request with a cookie issued before the change has its security stamp checked against the database;</item>
/// <item>the passwords HTTP Basic remembered for the user are forgotten (<see cref="CredentialCache"/>).</item>
/// </list>
/// Per process, which is how the dashboard runs; the stamp check every minute stays the backstop.
/// </summary>
public sealed class UserSessions(TimeProvider time, IOptions<SecurityStampValidatorOptions> stampOptions, CredentialCache credentials)
{
    private readonly LiveRequests<string> _live = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _endedAt = new(StringComparer.Ordinal);

    /// <summary>Registers a request made by the user; <paramref name="end"/> runs when the user's sessions are ended. Dispose when the request ends.</summary>
    public IDisposable Track(string userId, Action end)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return _live.Track(userId, end);
    }

    /// <summary>
    /// Ends the user's live requests and marks the cookies issued until now for a stamp check. Call after the
    /// change (a new security stamp, disabled, deleted) is saved.
    /// </summary>
    public void End(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = time.GetUtcNow();
        _endedAt[userId] = now;
        credentials.Drop(userId);
        _live.End(userId);

        // After a whole validation interval every older cookie is checked anyway.
        var horizon = now - stampOptions.Value.ValidationInterval - TimeSpan.FromMinutes(1);
        foreach (var (id, at) in _endedAt)
        {
            if (at < horizon)
            {
                _endedAt.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, at));
            }
        }
    }

    /// <summary>
    /// True when the user's sessions were ended at or after <paramref name="since"/> (a cookie's issue time, the
    /// start of a sign-in). A cookie's time has whole seconds, so a cookie issued in the same second as the change
    /// is checked too (and passes if it is the newer).
    /// </summary>
    public bool EndedSince(string userId, DateTimeOffset? since) =>
        _endedAt.TryGetValue(userId, out var endedAt) && (since is null || endedAt >= since.Value);
}
