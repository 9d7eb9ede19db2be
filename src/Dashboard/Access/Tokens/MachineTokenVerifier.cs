using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Access.Tokens;

/// <summary>
/// Checks a presented machine token, per request: one indexed read of the token's hash (no password hashing), the
/// owner's state and roles as they are now; the last-use time is written at most once a minute.
/// </summary>
public sealed class MachineTokenVerifier(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    /// <summary>What every token starts with, so a leaked one is recognisable (and secret scanners can find it).</summary>
    public const string Prefix = "cdt_";

    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>The token's owner and their role now; null for an unknown, expired or revoked token or a disabled or locked owner.</summary>
    public async Task<VerifiedMachineToken?> VerifyAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = SecretHash.Of(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
            from token in db.MachineTokens.AsNoTracking()
            where token.TokenHash == hash
            join user in db.Users on token.UserId equals user.Id
            select new
            {
                Token = token,
                user.UserName,
                user.IsDisabled,
                user.LockoutEnd,
                user.SecurityStamp,
                Roles = (from userRole in db.UserRoles
                         join role in db.Roles on userRole.RoleId equals role.Id
                         where userRole.UserId == user.Id
                         select role.Name).ToList(),
            }).FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (found is null || !found.Token.IsActiveAt(now) || found.IsDisabled || found.LockoutEnd > now)
        {
            return null;
        }

        if (found.Token.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUseResolution)
        {
            await db.MachineTokens.Where(t => t.Id == found.Token.Id).ExecuteUpdateAsync(update => update.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return new VerifiedMachineToken(found.Token.Id, found.Token.Name, found.Token.ExpiresAt, found.Token.UserId, found.UserName ?? "", found.SecurityStamp ?? "",
            [.. found.Roles.Where(r => r is not null).Select(r => r!)]);
    }
}
