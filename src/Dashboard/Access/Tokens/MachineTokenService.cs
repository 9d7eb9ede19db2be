using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Access.Tokens;

/// <summary>
/// Makes, lists and revokes machine tokens (a user's: the owner id is the user's). A user manages their own tokens; an
/// admin anyone's. Presented tokens are checked by <see cref="MachineTokenVerifier"/>.
/// </summary>
public sealed class MachineTokenService(
    IDbContextFactory<DashboardDbContext> contexts,
    MachineTokenRevocations revocations,
    IAuthorizationService authorization,
    IChangeBus changes,
    TimeProvider time)
    : IssuedSecretService<MachineToken>(contexts, changes, time, new("token", "the tool that will use the token", nameof(NewMachineToken.UserId), MachineTokenVerifier.Prefix, NodeChangeKind.TokenRevoked))
{
    private const string Refusal = "Only the token's owner or an admin may make, list or revoke it.";

    /// <summary>Makes a token for a user, or says per field what is wrong with the request.</summary>
    public Task<ChangeResult<CreatedMachineToken>> CreateAsync(ClaimsPrincipal actor, NewMachineToken request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IssueAsync(actor, request.UserId, request.Name, request.ExpiresAt, (token, secret) => new CreatedMachineToken(token, secret), cancellationToken);
    }

    /// <summary>
    /// Null when the acting user is the owner (and may view) or an admin; the refusal otherwise. Revoking a token that
    /// does not exist answers NotFound to anyone.
    /// </summary>
    protected override async Task<ChangeResult?> DemandAsync(ClaimsPrincipal actor, string? ownerId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ownerId is null)
        {
            return null;
        }

        var own = actor.FindFirstValue(ClaimTypes.NameIdentifier) == ownerId && await authorization.AllowsAsync(actor, DashboardPolicies.View);
        return own ? null : await authorization.DemandAsync(actor, DashboardPolicies.Administer, Refusal);
    }

    protected override IQueryable<MachineToken> OwnedBy(IQueryable<MachineToken> secrets, string ownerId) => secrets.Where(t => t.UserId == ownerId);

    protected override string OwnerOf(MachineToken secret) => secret.UserId;

    protected override MachineToken NewOf(string ownerId) => new() { UserId = ownerId };

    protected override async Task<string?> OwnerProblemAsync(DashboardDbContext db, string ownerId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == ownerId, cancellationToken) is { IsDisabled: false }
            ? null
            : "There is no such enabled user.";

    protected override void EndUses(Guid id) => revocations.Revoke(id);
}
