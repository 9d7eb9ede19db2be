using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Cameras;

/// <summary>The log of who changed which camera, when, and how.</summary>
public sealed class CameraAudit(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    public async Task WriteAsync(string cameraId, string userName, string action, string details, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            CameraId = cameraId,
            UserName = userName,
            Action = action,
            Details = details.Length > 4000 ? details[..4000] : details,
            At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest entries first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string cameraId, int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.CameraId == cameraId)
            .OrderByDescending(e => e.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
    }
}
