using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Access.Sharing;

/// <summary>A new link and its token, which exists only here: the database keeps a hash.</summary>
public sealed record CreatedShareLink(ShareLink Link, string Token);

/// <summary>
/// Creates, lists, checks and revokes share links. Tokens are stored as SHA-256 hashes. Creating, listing
/// and revoking are for operators and admins: each call checks the acting user against the Operate policy
/// itself, whatever the page showed.
/// </summary>
public sealed class ShareLinkService(
    IDbContextFactory<DashboardDbContext> contexts,
    ShareLinkRevocations revocations,
    CameraRegistry cameras,
    IServiceScopeFactory scopes,
    TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <summary>Creates a link for one camera, or says per field what is wrong with the request.</summary>
    /// <exception cref="UnauthorizedAccessException">The user is not an operator or admin.</exception>
    public async Task<ShareLinkCreation> CreateAsync(ClaimsPrincipal user, NewShareLink request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await DemandOperateAsync(user);
        var errors = Validate(request, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return new ShareLinkCreation(null, errors);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = new ShareLink
        {
            CameraId = request.CameraId,
            Name = request.Name.Trim(),
            TokenHash = Hash(token),
            CreatedBy = user.Identity?.Name ?? "?",
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = request.ExpiresAt,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new ShareLinkCreation(new CreatedShareLink(link, token), ShareLinkCreation.NoErrors);
    }

    /// <summary>The camera's links, newest first, revoked and expired ones included.</summary>
    /// <exception cref="UnauthorizedAccessException">The user is not an operator or admin.</exception>
    public async Task<IReadOnlyList<ShareLink>> ListAsync(ClaimsPrincipal user, string cameraId, CancellationToken cancellationToken = default)
    {
        await DemandOperateAsync(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var links = await db.ShareLinks.AsNoTracking().Where(l => l.CameraId == cameraId).ToListAsync(cancellationToken);
        return [.. links.OrderByDescending(l => l.CreatedAt)];
    }

    /// <summary>Revokes a link and ends the streams it is serving. False if there is no such active link.</summary>
    /// <exception cref="UnauthorizedAccessException">The user is not an operator or admin.</exception>
    public async Task<bool> RevokeAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        await DemandOperateAsync(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.ShareLinks.FindAsync([id], cancellationToken);
        if (link is null || link.RevokedAt is not null)
        {
            return false;
        }

        link.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        revocations.Revoke(id);
        return true;
    }

    /// <summary>The active link for a token, counted as used; null for an unknown, expired or revoked token.</summary>
    public async Task<ShareLink?> UseAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
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
    public IReadOnlyDictionary<string, string> Validate(NewShareLink request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors[nameof(NewShareLink.Name)] = "Enter a name, e.g. who the link is for.";
        }
        else if (name.Length > MaxNameLength)
        {
            errors[nameof(NewShareLink.Name)] = $"Use at most {MaxNameLength} characters (this is {name.Length}).";
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            errors[nameof(NewShareLink.ExpiresAt)] = "Pick a time in the future, or leave it empty for a link that lasts until revoked.";
        }

        if (cameras.Find(request.CameraId) is null)
        {
            errors[nameof(NewShareLink.CameraId)] = $"There is no camera '{request.CameraId}'.";
        }

        return errors;
    }

    private async Task DemandOperateAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var scope = scopes.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(user, DashboardPolicies.Operate)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only operators and admins may create, list or revoke share links.");
        }
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
