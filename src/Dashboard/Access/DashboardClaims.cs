namespace Dashboard.Access;

/// <summary>Claims of the dashboard's own: the sign-in cookie's session, and the share-link scheme's (a link's holder has no user account and no role).</summary>
public static class DashboardClaims
{
    /// <summary>The browser sign-in a cookie belongs to (<see cref="SignIn.SignInSessions"/>): signing out ends it.</summary>
    public const string Session = "dashboard-session";

    /// <summary>The one camera a share link opens.</summary>
    public const string LinkCamera = "camera-link-camera";

    /// <summary>The share link's id (used to end its streams when it is revoked).</summary>
    public const string LinkId = "camera-link-id";
}
