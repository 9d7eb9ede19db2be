using System.Security.Claims;
using System.Security.Cryptography;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Access.Sharing;

/// <summary>A new link and its token, which exists only here: the database keeps a hash.</summary>
public sealed record CreatedShareLink(ShareLink Link, string Token);

/// <summary>
/// Creates, lists, checks and revokes share links. Tokens are stored as SHA-256 hashes. Creating, listing
/// and revoking are for operators and admins: each call checks the acting user against the Operate policy
/// itself, whatever the page showed, and answers a <see cref="ChangeResult"/>.
/// </summary>
public sealed class ShareLinkService(
    IDbContextFactory<DashboardDbContext> contexts,
    ShareLinkRevocations revocations,
    CameraRegistry cameras,
    IAuthorizationService authorization,
    IChangeBus changes,
    TimeProvider time)
{
    public const int MaxNameLength = 100;

    private const string Refusal = "Only operators and admins may create, list or revoke share links.";

    /// <summary>Creates a link for one camera, or says per field what is wrong with the request.</summary>
    public async Task<ChangeResult<CreatedShareLink>> CreateAsync(ClaimsPrincipal user, NewShareLink request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.DemandAsync(user, DashboardPolicies.Operate, Refusal) is { } refused)
        {
            return refused.As<CreatedShareLink>();
        }

        var problems = Validate(request, time.GetUtcNow());
        if (problems.Count > 0)
        {
            return ChangeResult.Invalid(problems).As<CreatedShareLink>();
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = new ShareLink
        {
            CameraId = request.CameraId,
            Name = request.Name.Trim(),
            TokenHash = SecretHash.Of(token),
            CreatedBy = user.Identity?.Name ?? "?",
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = request.ExpiresAt,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult.Ok(new CreatedShareLink(link, token));
    }

    /// <summary>The camera's links, newest first, revoked and expired ones included.</summary>
    public async Task<ChangeResult<IReadOnlyList<ShareLink>>> ListAsync(ClaimsPrincipal user, string cameraId, CancellationToken cancellationToken = default)
    {
        if (await authorization.DemandAsync(user, DashboardPolicies.Operate, Refusal) is { } refused)
        {
            return refused.As<IReadOnlyList<ShareLink>>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var links = await db.ShareLinks.AsNoTracking().Where(l => l.CameraId == cameraId).ToListAsync(cancellationToken);
        return ChangeResult.Ok<IReadOnlyList<ShareLink>>([.. links.OrderByDescending(l => l.CreatedAt)]);
    }

    /// <summary>Revokes a link and ends the streams it is serving, on every node; NotFound if there is no such active link.</summary>
    public async Task<ChangeResult> RevokeAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (await authorization.DemandAsync(user, DashboardPolicies.Operate, Refusal) is { } refused)
        {
            return refused;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ShareLinks.FindAsync([id], cancellationToken);
        if (link is null || link.RevokedAt is not null)
        {
            return ChangeResult.NotFound("That link does not exist or is revoked already.");
        }

        link.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        revocations.Revoke(id);
        await changes.PublishAsync(new NodeChange(NodeChangeKind.ShareLinkRevoked, id.ToString()), cancellationToken);
        return ChangeResult.Done;
    }

    /// <summary>The active link for a token, counted as used; null for an unknown, expired or revoked token.</summary>
    public async Task<ShareLink?> UseAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = SecretHash.Of(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ShareLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow();
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

    /// <summary>What is wrong with a request, by field (<see cref="NewShareLink"/>'s property names).</summary>
    private List<SettingProblem> Validate(NewShareLink request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<SettingProblem>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new(nameof(NewShareLink.Name), "Enter a name, e.g. who the link is for."));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new(nameof(NewShareLink.Name), $"Use at most {MaxNameLength} characters (this is {name.Length})."));
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            errors.Add(new(nameof(NewShareLink.ExpiresAt), "Pick a time in the future, or leave it empty for a link that lasts until revoked."));
        }

        if (cameras.Find(request.CameraId) is null)
        {
            errors.Add(new(nameof(NewShareLink.CameraId), $"There is no camera '{request.CameraId}'."));
        }

        return errors;
    }
}
