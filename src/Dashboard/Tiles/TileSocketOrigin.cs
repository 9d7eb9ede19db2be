namespace Dashboard.Tiles;

/// <summary>
/// Guards against cross-site WebSocket hijacking: browsers send the cookies of this site with a WebSocket
/// opened by any other site's page, so the socket is only accepted when its <c>Origin</c> is this host.
/// </summary>
internal static class TileSocketOrigin
{
    public static bool IsSameHost(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin.ToString();
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri) || originUri.Scheme is not ("http" or "https") || !request.Host.HasValue)
        {
            return false;
        }

        // Compare host and port only: behind a TLS-terminating proxy the page is https while the request is http.
        var port = request.Host.Port ?? originUri.Port;
        return string.Equals(originUri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) && originUri.Port == port;
    }
}
