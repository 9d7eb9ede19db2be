using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Dashboard.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Sharing;

/// <summary>A new link and its token, which exists only here: the database keeps a hash.</summary>
public sealed record CreatedShareLink(ShareLink Link, string Token);

/// <summary>Creates, lists, checks and revokes share links. Tokens are stored as SHA-256 hashes.</summary>
public sealed class ShareLinkService(IDbContextFactory<DashboardDbContext> contexts, ShareLinkRevocations revocations, TimeProvider time)
{
    public const int MaxNameLength = 100;

    public async Task<CreatedShareLink> CreateAsync(string cameraId, string name, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cameraId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var link = new ShareLink
        {
            CameraId = cameraId,
            Name = name.Trim(),
            TokenHash = Hash(token),
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedShareLink(link, token);
    }

    public async Task<IReadOnlyList<ShareLink>> ListAsync(string cameraId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var links = await db.ShareLinks.AsNoTracking().Where(l => l.CameraId == cameraId).ToListAsync(cancellationToken);
        return [.. links.OrderByDescending(l => l.CreatedAt)];
    }

    /// <summary>Revokes a link and ends the streams it is serving. False if there is no such active link.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
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

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
