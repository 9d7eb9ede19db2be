namespace Dashboard.Nodes;

/// <summary>
/// A node of several on one database, as it announced itself on start: its name (what a camera's <c>Node</c> names)
/// and the address the other nodes reach it at, to show its cameras through its feeds.
/// </summary>
public sealed class ClusterNode
{
    public required string Name { get; set; }

    public required string Address { get; set; }

    public DateTimeOffset StartedAt { get; set; }
}
