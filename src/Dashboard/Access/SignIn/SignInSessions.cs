using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Dashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.SignIn;

/// <summary>
/// One session per browser sign-in, named by the cookie's <see cref="DashboardClaims.Session"/> claim and kept as a
/// row of Identity's user-token table. Signing out deletes that row and ends the session in this process at once:
/// a copy of the cookie is refused on its next request, and the requests it is serving (the circuit, streams) are
/// aborted. After a restart, the copy is refused at its next security-stamp check (a minute at most).
/// </summary>
public sealed class SignInSessions(TimeProvider time, IOptions<SecurityStampValidatorOptions> stampOptions)
{
    /// <summary>The user-token rows' provider name.</summary>
    public const string Provider = "dashboard-session";

    /// <summary>Sessions kept per user: signing in once more drops the oldest beyond this.</summary>
    public const int MaxPerUser = 20;

    private readonly LiveRequests<string> _live = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

    /// <summary>Records a new session for the user; returns its id for the cookie's claim.</summary>
    public async Task<string> StartAsync(DashboardDbContext db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        db.UserTokens.Add(new IdentityUserToken<string>
        {
            UserId = userId,
            LoginProvider = Provider,
            Name = id,
            Value = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync();

        var beyond = await Sessions(db, userId).OrderByDescending(t => t.Value).Skip(MaxPerUser).Select(t => t.Name).ToListAsync();
        if (beyond.Count > 0)
        {
            await Sessions(db, userId).Where(t => beyond.Contains(t.Name)).ExecuteDeleteAsync();
        }

        return id;
    }

    /// <summary>True once the session was ended in this process (no database read).</summary>
    public bool IsEnded(string sessionId) => _ended.ContainsKey(sessionId);

    /// <summary>Whether the session still exists (a database read: for the periodic stamp check).</summary>
    public async Task<bool> IsActiveAsync(DashboardDbContext db, string userId, string? sessionId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return sessionId is not null && !IsEnded(sessionId) && await Sessions(db, userId).AnyAsync(t => t.Name == sessionId);
    }

    /// <summary>Registers a request made with the session's cookie, to be aborted when the session ends (until the request ends).</summary>
    public void Track(HttpContext context, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var registration = _live.Track(sessionId, context.Abort);
        context.Items[typeof(SignInSessions)] = registration;
        context.Response.RegisterForDispose(registration);
    }

    /// <summary>
    /// Ends the session of <paramref name="context"/>'s user (the sign-out's own request, which is not aborted):
    /// refused from now on, its row deleted, its other live requests aborted.
    /// </summary>
    public async Task EndAsync(DashboardDbContext db, HttpContext context, string? userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.FindFirstValue(DashboardClaims.Session) is not { } sessionId || userId is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        _ended[sessionId] = now;
        await Sessions(db, userId).Where(t => t.Name == sessionId).ExecuteDeleteAsync();
        (context.Items[typeof(SignInSessions)] as IDisposable)?.Dispose();
        _live.End(sessionId);

        // After a whole validation interval, every copy has its session read from the database anyway.
        var horizon = now - stampOptions.Value.ValidationInterval - TimeSpan.FromMinutes(1);
        foreach (var (id, at) in _ended)
        {
            if (at < horizon)
            {
                _ended.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, at));
            }
        }
    }

    private static IQueryable<IdentityUserToken<string>> Sessions(DashboardDbContext db, string userId) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider);
}
