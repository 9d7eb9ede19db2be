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
        var stored = await db.MotionEvents.FindAsync([notice.Event.Id], cancellationToken);
        switch (notice.Kind)
        {
            case MotionNoticeKind.Deleted when stored is not null:
                db.MotionEvents.Remove(stored);
                break;
            case MotionNoticeKind.Started or MotionNoticeKind.Ended when stored is null:
                db.MotionEvents.Add(MotionEventRecord.From(notice.Event));
                break;
            case MotionNoticeKind.Started or MotionNoticeKind.Ended:
                stored!.Apply(notice.Event);
                break;
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
