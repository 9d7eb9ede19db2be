namespace Dashboard.Access;

/// <summary>Authorization policy names, enforced on the server for pages, component actions and endpoints.</summary>
public static class DashboardPolicies
{
    /// <summary>Any signed-in user with a role (Viewer, Operator or Admin).</summary>
    public const string View = "View";

    /// <summary>Operator or Admin.</summary>
    public const string Operate = "Operate";

    /// <summary>Admin only.</summary>
    public const string Administer = "Administer";

    /// <summary>May watch the requested camera: any role, or a share link for exactly that camera.</summary>
    public const string CameraFeed = "CameraFeed";
}
