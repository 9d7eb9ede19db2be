using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Access.Sharing;

/// <summary>A new link and its token, which exists only here: the database keeps a hash.</summary>
public sealed record CreatedShareLink(ShareLink Link, string Token);

/// <summary>
/// Creates, lists, checks and revokes share links (a camera's: the owner id is the camera's). Creating, listing and
/// revoking are for operators and admins: each call checks the acting user against the Operate policy.
/// </summary>
public sealed class ShareLinkService(
    IDbContextFactory<DashboardDbContext> contexts,
    ShareLinkRevocations revocations,
    CameraRegistry cameras,
    IAuthorizationService authorization,
    IChangeBus changes,
    TimeProvider time)
    : IssuedSecretService<ShareLink>(contexts, changes, time, new("link", "who the link is for", nameof(NewShareLink.CameraId), "", NodeChangeKind.ShareLinkRevoked))
{
    private const string Refusal = "Only operators and admins may create, list or revoke share links.";

    /// <summary>Creates a link for one camera, or says per field what is wrong with the request.</summary>
    public Task<ChangeResult<CreatedShareLink>> CreateAsync(ClaimsPrincipal user, NewShareLink request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IssueAsync(user, request.CameraId, request.Name, request.ExpiresAt, (link, token) => new CreatedShareLink(link, token), cancellationToken);
    }

    /// <summary>The active link for a token, counted as used; null for an unknown, expired or revoked token.</summary>
    public async Task<ShareLink?> UseAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = SecretHash.Of(token);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ShareLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        var now = Time.GetUtcNow();
        if (link is null || !link.IsActiveAt(now))
        {
            return null;
        }

        // One statement, so concurrent uses (a feed and a snapshot) both count.
        await db.ShareLinks.Where(l => l.Id == link.Id).ExecuteUpdateAsync(
            update => update.SetProperty(l => l.UseCount, l => l.UseCount + 1).SetProperty(l => l.LastUsedAt, now),
            cancellationToken);
        return link;
    }

    /// <summary>Operators and admins manage every camera's links, and only they.</summary>
    protected override Task<ChangeResult?> DemandAsync(ClaimsPrincipal actor, string? ownerId) =>
        authorization.DemandAsync(actor, DashboardPolicies.Operate, Refusal);

    protected override IQueryable<ShareLink> OwnedBy(IQueryable<ShareLink> secrets, string ownerId) => secrets.Where(l => l.CameraId == ownerId);

    protected override string OwnerOf(ShareLink secret) => secret.CameraId;

    protected override ShareLink NewOf(string ownerId) => new() { CameraId = ownerId };

    protected override Task<string?> OwnerProblemAsync(DashboardDbContext db, string ownerId, CancellationToken cancellationToken) =>
        Task.FromResult(cameras.Find(ownerId) is null ? $"There is no camera '{ownerId}'." : null);

    protected override void EndUses(Guid id) => revocations.Revoke(id);
}
