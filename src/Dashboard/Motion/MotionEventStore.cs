using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>Keeps events in the database as they start, end and are deleted (by retention or an operator), and lists them.</summary>
internal sealed class MotionEventStore(IDbContextFactory<DashboardDbContext> contexts) : IMotionEventSink
{
    public const int MaxListed = 500;

    public async Task HandleAsync(MotionNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (notice.Kind == MotionNoticeKind.Deleted)
        {
            // Set-based: deleting twice (the endpoint and this sink's queue both do) is not a conflict.
            await db.MotionEvents.Where(e => e.Id == notice.Event.Id).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        if (await db.MotionEvents.FindAsync([notice.Event.Id], cancellationToken) is { } stored)
        {
            stored.Apply(notice.Event);
        }
        else
        {
            db.MotionEvents.Add(MotionEventRecord.From(notice.Event));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Events newest first, of one camera or all, starting in [from, to), at most <see cref="MaxListed"/>.</summary>
    public async Task<IReadOnlyList<MotionEvent>> ListAsync(string? cameraId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.MotionEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(cameraId))
        {
            query = query.Where(e => e.CameraId == cameraId);
        }

        if (from is { } start)
        {
            query = query.Where(e => e.Start >= start);
        }

        if (to is { } end)
        {
            query = query.Where(e => e.Start < end);
        }

        var records = await query.OrderByDescending(e => e.Start).Take(MaxListed).ToListAsync(cancellationToken);
        return [.. records.Select(r => r.ToEvent())];
    }

    public async Task<MotionEvent?> FindAsync(string cameraId, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.MotionEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.CameraId == cameraId, cancellationToken);
        return record?.ToEvent();
    }
}
