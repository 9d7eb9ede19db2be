using Dashboard.Access.SignIn;
namespace Dashboard.Access;

/// <summary>
/// The machine-facing paths (feeds, snapshots, API, sockets, metrics). They answer 401/403 with a short
/// text and a Basic challenge, never a redirect to the sign-in page a tool cannot follow.
/// </summary>
internal static class RawEndpoints
{
    private static readonly string[] Prefixes = ["/video_feed", "/snapshot", "/api", "/ws", "/metrics", "/healthz"];

    public static bool Match(PathString path) =>
        Prefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static Task ChallengeAsync(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = $"Basic realm=\"{BasicAuthenticationHandler.Realm}\", charset=\"UTF-8\"";
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync("Sign-in required: sign in to the dashboard, use HTTP Basic with a dashboard user, or a share link's token.");
    }

    public static Task ForbidAsync(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync("Not allowed: this sign-in or link does not give access to this.");
    }
}
