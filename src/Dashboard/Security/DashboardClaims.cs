namespace Dashboard.Security;

/// <summary>Claims set by the share-link scheme (a link's holder has no user account and no role).</summary>
public static class DashboardClaims
{
    /// <summary>The one camera a share link opens.</summary>
    public const string LinkCamera = "camera-link-camera";

    /// <summary>The share link's id (used to end its streams when it is revoked).</summary>
    public const string LinkId = "camera-link-id";
}
