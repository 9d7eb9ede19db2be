namespace Dashboard.Nodes;

/// <summary>
/// Another instance of this dashboard (an edge) that this one (the hub) shows: its address and a machine token made
/// there. Its cameras appear here as <c>{Id}-{camera id}</c>. The token is kept encrypted with the sign-in keys
/// (Data Protection), so the database alone does not give it away.
/// </summary>
public sealed class RemoteDashboard
{
    public const int MaxIdLength = 16;

    /// <summary>A short name, the prefix of its cameras' ids here (letters, digits, '-').</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The edge's address, e.g. <c>http://shed-pi:5000/</c>.</summary>
    public required string Url { get; set; }

    /// <summary>The edge's machine token, protected by Data Protection.</summary>
    public required string ProtectedToken { get; set; }

    public required string AddedBy { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
