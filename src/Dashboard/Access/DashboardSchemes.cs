namespace Dashboard.Access;

/// <summary>Authentication schemes. Requests are authenticated by <see cref="Default"/>, which picks one of the others.</summary>
public static class DashboardSchemes
{
    /// <summary>Looks at the request: HTTP Basic header, share-link token, else the sign-in cookie.</summary>
    public const string Default = "Dashboard";

    public const string Basic = "Basic";

    public const string ShareLink = "ShareLink";

    /// <summary>Query parameter carrying a share-link token.</summary>
    public const string TokenParameter = "token";
}
