using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>Keeps events in the database as they start, end and are deleted (by retention or an operator), and lists them.</summary>
internal sealed class MotionEventStore(IDbContextFactory<DashboardDbContext> contexts) : IMotionEventSink, IMotionEventHistory
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
    public async Task<IReadOnlyList<MotionEvent>> ListAsync(string? cameraId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        (await PageAsync(new EventFilter(cameraId, from, to), 0, MaxListed, cancellationToken)).Events;

    /// <summary>One page of the events the filter selects, newest first, and how many it selects in all.</summary>
    public async Task<EventPage> PageAsync(EventFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.MotionEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.CameraId))
        {
            query = query.Where(e => e.CameraId == filter.CameraId);
        }

        if (filter.From is { } start)
        {
            query = query.Where(e => e.Start >= start);
        }

        if (filter.To is { } end)
        {
            query = query.Where(e => e.Start < end);
        }

        // Both use the (camera, start) and (start) indexes; a page is read, never the whole range.
        var total = await query.CountAsync(cancellationToken);
        var records = await query.OrderByDescending(e => e.Start).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new EventPage([.. records.Select(r => r.ToEvent())], total);
    }

    public async Task<IReadOnlyList<MotionEvent>> StartedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.MotionEvents.AsNoTracking().Where(e => e.Start < cutoff).OrderBy(e => e.Start).Take(limit).ToListAsync(cancellationToken);
        return [.. records.Select(r => r.ToEvent())];
    }

    public async Task<MotionEvent?> FindAsync(string cameraId, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.MotionEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.CameraId == cameraId, cancellationToken);
        return record?.ToEvent();
    }
}

/// <summary>Which events a list shows: one camera or all (null), starting in [<see cref="From"/>, <see cref="To"/>) (null: open).</summary>
internal sealed record EventFilter(string? CameraId, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>A page of events, newest first, and how many the filter selects in all.</summary>
internal sealed record EventPage(IReadOnlyList<MotionEvent> Events, int Total);
