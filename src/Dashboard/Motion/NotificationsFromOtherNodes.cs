using Dashboard.Nodes;

namespace Dashboard.Motion;

/// <summary>Applies notification settings another node saved (or everything after a resync).</summary>
internal sealed class NotificationsFromOtherNodes(NotificationStore store) : INodeChangeHandler
{
    public Task ApplyAsync(NodeChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind is NodeChangeKind.NotificationsChanged or NodeChangeKind.Resync
            ? store.ReloadAsync(cancellationToken)
            : Task.CompletedTask;
    }
}
