using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Nodes;

/// <summary>
/// Applies another node's camera edit here: reads the camera from the database again and adds, reconfigures or removes
/// it, so viewers on this node see the change without reconnecting (a reconfigure keeps them connected).
/// </summary>
internal sealed class CamerasFromOtherNodes(IDbContextFactory<DashboardDbContext> contexts, CameraRegistry cameras) : INodeChangeHandler
{
    public async Task ApplyAsync(NodeChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind is not (NodeChangeKind.CameraChanged or NodeChangeKind.Resync))
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Cameras.AsNoTracking()
            .Where(c => change.Kind == NodeChangeKind.Resync || c.Id == change.Id)
            .OrderBy(c => c.SortOrder)
            .ToListAsync(cancellationToken);
        foreach (var record in stored)
        {
            await cameras.AddOrUpdateAsync(new ConfiguredCamera(record.ToDefinition()), cancellationToken);
        }

        // Gone from the database: removed on another node. A camera the file names but whose settings do not parse
        // was never stored, and stays as the Failed camera it is.
        var gone = cameras.Cameras
            .Where(c => c.Problems.Count == 0 && (change.Kind == NodeChangeKind.Resync || string.Equals(c.Id, change.Id, StringComparison.OrdinalIgnoreCase)))
            .Where(c => !stored.Any(r => string.Equals(r.Id, c.Id, StringComparison.OrdinalIgnoreCase)))
            .Select(c => c.Id)
            .ToList();
        foreach (var id in gone)
        {
            await cameras.RemoveAsync(id, cancellationToken);
        }
    }
}
