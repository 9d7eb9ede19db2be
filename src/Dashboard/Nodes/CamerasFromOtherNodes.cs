using Dashboard.Data;
using Dashboard.Nodes.Remote;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Nodes;

/// <summary>
/// Applies another node's camera edit here: reads the camera from the database again and adds, reconfigures or removes
/// it (placed for this node: <see cref="CameraPlacement"/>), so viewers on this node see the change without
/// reconnecting. A resync (another node started, or this one missed notifications) reads every camera again.
/// </summary>
internal sealed class CamerasFromOtherNodes(
    IDbContextFactory<DashboardDbContext> contexts,
    CameraRegistry cameras,
    CameraPlacement placement,
    NodeDirectory nodes,
    RemoteCameraDirectory remotes,
    RemoteCameraSync remoteSync) : INodeChangeHandler
{
    public async Task ApplyAsync(NodeChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind is NodeChangeKind.RemoteDashboardsChanged or NodeChangeKind.Resync)
        {
            remoteSync.Refresh();
        }

        if (change.Kind is not (NodeChangeKind.CameraChanged or NodeChangeKind.Resync))
        {
            return;
        }

        var all = change.Kind == NodeChangeKind.Resync;
        if (all)
        {
            nodes.Forget();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Cameras.AsNoTracking()
            .Where(c => all || c.Id == change.Id)
            .OrderBy(c => c.SortOrder)
            .ToListAsync(cancellationToken);
        foreach (var record in stored)
        {
            await cameras.AddOrUpdateAsync(await placement.PlaceAsync(record.ToDefinition(), cancellationToken), cancellationToken);
        }

        // Gone from the database: removed on another node. Remote dashboards' cameras are never stored, and a camera the
        // file names but whose settings do not parse was never stored either: both stay.
        var gone = cameras.Cameras
            .Where(c => all || string.Equals(c.Id, change.Id, StringComparison.OrdinalIgnoreCase))
            .Where(c => c.Problems.Count == 0 && !remotes.IsRemote(c.Id))
            .Where(c => !stored.Any(r => string.Equals(r.Id, c.Id, StringComparison.OrdinalIgnoreCase)))
            .Select(c => c.Id)
            .ToList();
        foreach (var id in gone)
        {
            await cameras.RemoveAsync(id, cancellationToken);
        }
    }
}
