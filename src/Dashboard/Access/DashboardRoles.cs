namespace Dashboard.Access;

/// <summary>The three roles; each includes what the one before it may do.</summary>
public static class DashboardRoles
{
    /// <summary>Watch cameras and see statistics.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Also start and stop cameras, change their settings, take snapshots, create share links.</summary>
    public const string Operator = "Operator";

    /// <summary>Also add and remove cameras, manage users and share links.</summary>
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];
}
