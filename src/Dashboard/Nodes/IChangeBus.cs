namespace Dashboard.Nodes;

/// <summary>
/// Tells the other nodes on the same database about a change this node has saved and applied itself. On SQLite there
/// is one node and nothing to tell; on PostgreSQL it is a <c>NOTIFY</c> (<see cref="PostgresChangeBus"/>).
/// </summary>
public interface IChangeBus
{
    Task PublishAsync(NodeChange change, CancellationToken cancellationToken = default);
}

/// <summary>One node: the service that made a change has applied it already.</summary>
internal sealed class SingleNodeChangeBus : IChangeBus
{
    public Task PublishAsync(NodeChange change, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>Applies a change another node made (or a <see cref="NodeChangeKind.Resync"/>) to this node.</summary>
public interface INodeChangeHandler
{
    Task ApplyAsync(NodeChange change, CancellationToken cancellationToken);
}
