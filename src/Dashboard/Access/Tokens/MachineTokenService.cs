using System.Security.Claims;
using System.Security.Cryptography;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Access.Tokens;

/// <summary>
/// Makes, lists and revokes machine tokens. A user manages their own tokens; an admin anyone's. Every call checks the
/// acting user itself, whatever the page showed, and answers a <see cref="ChangeResult"/>. Presented tokens are
/// checked by <see cref="MachineTokenVerifier"/>.
/// </summary>
public sealed class MachineTokenService(
    IDbContextFactory<DashboardDbContext> contexts,
    MachineTokenRevocations revocations,
    IAuthorizationService authorization,
    IChangeBus changes,
    TimeProvider time)
{
    public const int MaxNameLength = 100;

    private const string Refusal = "Only the token's owner or an admin may make, list or revoke it.";

    /// <summary>Makes a token for a user, or says per field what is wrong with the request.</summary>
    public async Task<ChangeResult<CreatedMachineToken>> CreateAsync(ClaimsPrincipal actor, NewMachineToken request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await DemandManageAsync(actor, request.UserId) is { } refused)
        {
            return refused.As<CreatedMachineToken>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var problems = Validate(request, time.GetUtcNow());
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UserId, cancellationToken) is not { IsDisabled: false })
        {
            problems.Add(new(nameof(NewMachineToken.UserId), "There is no such enabled user."));
        }

        if (problems.Count > 0)
        {
            return ChangeResult.Invalid(problems).As<CreatedMachineToken>();
        }

        var secret = MachineTokenVerifier.Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new MachineToken
        {
            UserId = request.UserId,
            Name = request.Name.Trim(),
            TokenHash = SecretHash.Of(secret),
            CreatedBy = actor.Identity?.Name ?? "?",
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = request.ExpiresAt,
        };
        db.MachineTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult.Ok(new CreatedMachineToken(token, secret));
    }

    /// <summary>The user's tokens, newest first, revoked and expired ones included.</summary>
    public async Task<ChangeResult<IReadOnlyList<MachineToken>>> ListAsync(ClaimsPrincipal actor, string userId, CancellationToken cancellationToken = default)
    {
        if (await DemandManageAsync(actor, userId) is { } refused)
        {
            return refused.As<IReadOnlyList<MachineToken>>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = await db.MachineTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        return ChangeResult.Ok<IReadOnlyList<MachineToken>>([.. tokens.OrderByDescending(t => t.CreatedAt)]);
    }

    /// <summary>Revokes a token and ends the requests it is serving, on every node; NotFound if there is no such active token.</summary>
    public async Task<ChangeResult> RevokeAsync(ClaimsPrincipal actor, Guid tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.MachineTokens.FindAsync([tokenId], cancellationToken);
        if (token is not null && await DemandManageAsync(actor, token.UserId) is { } refused)
        {
            return refused;
        }

        if (token is null || token.RevokedAt is not null)
        {
            return ChangeResult.NotFound("That token does not exist or is revoked already.");
        }

        token.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        revocations.Revoke(tokenId);
        await changes.PublishAsync(new NodeChange(NodeChangeKind.TokenRevoked, tokenId.ToString()), cancellationToken);
        return ChangeResult.Done;
    }

    /// <summary>What is wrong with a request, by field (<see cref="NewMachineToken"/>'s property names).</summary>
    private static List<SettingProblem> Validate(NewMachineToken request, DateTimeOffset now)
    {
        var problems = new List<SettingProblem>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            problems.Add(new(nameof(NewMachineToken.Name), "Enter a name, e.g. the tool that will use the token."));
        }
        else if (name.Length > MaxNameLength)
        {
            problems.Add(new(nameof(NewMachineToken.Name), $"Use at most {MaxNameLength} characters (this is {name.Length})."));
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            problems.Add(new(nameof(NewMachineToken.ExpiresAt), "Pick a time in the future, or leave it empty for a token that lasts until revoked."));
        }

        return problems;
    }

    /// <summary>Null when the acting user is the owner (and may view) or an admin; the refusal otherwise.</summary>
    private async Task<ChangeResult?> DemandManageAsync(ClaimsPrincipal actor, string userId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var own = actor.FindFirstValue(ClaimTypes.NameIdentifier) == userId && await authorization.AllowsAsync(actor, DashboardPolicies.View);
        return own ? null : await authorization.DemandAsync(actor, DashboardPolicies.Administer, Refusal);
    }
}
