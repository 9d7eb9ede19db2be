using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Access.Tokens;

/// <summary>
/// Makes, lists, verifies and revokes machine tokens. A user manages their own tokens; an admin anyone's. Every call
/// checks the acting user itself, whatever the page showed. Verifying is one indexed read of the token's hash (no
/// password hashing per request); the last-use time is written at most once a minute.
/// </summary>
public sealed class MachineTokenService(
    IDbContextFactory<DashboardDbContext> contexts,
    MachineTokenRevocations revocations,
    IChangeBus changes,
    IServiceScopeFactory scopes,
    TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <summary>What every token starts with, so a leaked one is recognisable (and secret scanners can find it).</summary>
    public const string Prefix = "cdt_";

    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>Makes a token for a user, or says per field what is wrong with the request.</summary>
    /// <exception cref="UnauthorizedAccessException">The acting user is neither the owner nor an admin.</exception>
    public async Task<MachineTokenCreation> CreateAsync(ClaimsPrincipal actor, NewMachineToken request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await DemandManageAsync(actor, request.UserId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = Validate(request, time.GetUtcNow());
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UserId, cancellationToken) is not { IsDisabled: false })
        {
            errors[nameof(NewMachineToken.UserId)] = "There is no such enabled user.";
        }

        if (errors.Count > 0)
        {
            return MachineTokenCreation.Refused(errors);
        }

        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new MachineToken
        {
            UserId = request.UserId,
            Name = request.Name.Trim(),
            TokenHash = Hash(secret),
            CreatedBy = actor.Identity?.Name ?? "?",
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = request.ExpiresAt,
        };
        db.MachineTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new MachineTokenCreation(new CreatedMachineToken(token, secret), new Dictionary<string, string>());
    }

    /// <summary>The user's tokens, newest first, revoked and expired ones included.</summary>
    /// <exception cref="UnauthorizedAccessException">The acting user is neither the owner nor an admin.</exception>
    public async Task<IReadOnlyList<MachineToken>> ListAsync(ClaimsPrincipal actor, string userId, CancellationToken cancellationToken = default)
    {
        await DemandManageAsync(actor, userId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = await db.MachineTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        return [.. tokens.OrderByDescending(t => t.CreatedAt)];
    }

    /// <summary>Revokes a token and ends the requests it is serving, on every node. False if there is no such active token.</summary>
    /// <exception cref="UnauthorizedAccessException">The acting user is neither the owner nor an admin.</exception>
    public async Task<bool> RevokeAsync(ClaimsPrincipal actor, Guid tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.MachineTokens.FindAsync([tokenId], cancellationToken);
        if (token is null)
        {
            return false;
        }

        await DemandManageAsync(actor, token.UserId);
        if (token.RevokedAt is not null)
        {
            return false;
        }

        token.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        revocations.Revoke(tokenId);
        await changes.PublishAsync(new NodeChange(NodeChangeKind.TokenRevoked, tokenId.ToString()), cancellationToken);
        return true;
    }

    /// <summary>The token's owner and their role now; null for an unknown, expired or revoked token or a disabled or locked owner.</summary>
    public async Task<VerifiedMachineToken?> VerifyAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
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

    /// <summary>What is wrong with a request, by field (<see cref="NewMachineToken"/>'s property names).</summary>
    public static Dictionary<string, string> Validate(NewMachineToken request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors[nameof(NewMachineToken.Name)] = "Enter a name, e.g. the tool that will use the token.";
        }
        else if (name.Length > MaxNameLength)
        {
            errors[nameof(NewMachineToken.Name)] = $"Use at most {MaxNameLength} characters (this is {name.Length}).";
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            errors[nameof(NewMachineToken.ExpiresAt)] = "Pick a time in the future, or leave it empty for a token that lasts until revoked.";
        }

        return errors;
    }

    private async Task DemandManageAsync(ClaimsPrincipal actor, string userId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var own = actor.FindFirstValue(ClaimTypes.NameIdentifier) == userId
            && (await authorization.AuthorizeAsync(actor, DashboardPolicies.View)).Succeeded;
        if (!own && !(await authorization.AuthorizeAsync(actor, DashboardPolicies.Administer)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only the token's owner or an admin may make, list or revoke it.");
        }
    }

    internal static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
