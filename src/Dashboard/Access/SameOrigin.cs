using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Access;

/// <summary>
/// Guards the browser's own connections (Blazor's circuit hub, the tile socket) against cross-site use. A browser
/// sends the sign-in cookie with a WebSocket or a fetch that another page opens, and <c>SameSite=Lax</c> counts a
/// page on another port of this host or on a sibling subdomain as the same site; so such a request is refused
/// unless its <c>Origin</c> is this host and port as the browser sees it (behind a proxy, the forwarded host).
/// </summary>
internal static class SameOrigin
{
    /// <summary>Marks an endpoint for the check. Every SignalR hub is checked without it (Blazor maps its hub itself).</summary>
    public sealed class Metadata;

    public static TBuilder RequireSameOrigin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(new Metadata()));
        return builder;
    }

    /// <summary>Answers 403 to a request for a checked endpoint from another origin. After routing and the forwarded headers.</summary>
    public static IApplicationBuilder UseSameOriginCheck(this IApplicationBuilder app) =>
        app.Use((context, next) => IsChecked(context.GetEndpoint()) && !IsAllowed(context) ? RefuseAsync(context.Response) : next(context));

    /// <summary>
    /// A WebSocket needs this origin (browsers always send one). Another request needs it when it names one:
    /// browsers leave it out of same-origin GETs (long polling), never out of a cross-origin request or a POST.
    /// </summary>
    public static bool IsAllowed(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Headers.ContainsKey(HeaderNames.Origin) ? IsSameHost(context.Request) : !IsWebSocketOpening(context);
    }

    private static bool IsSameHost(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri) || originUri.Scheme is not ("http" or "https") || !request.Host.HasValue)
        {
            return false;
        }

        // Compare host and port only: behind a TLS-terminating proxy the page is https while the request is http.
        var port = request.Host.Port ?? originUri.Port;
        return string.Equals(originUri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) && originUri.Port == port;
    }

    private static bool IsChecked(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<Metadata>() is not null || endpoint?.Metadata.GetMetadata<HubMetadata>() is not null;

    // Before the WebSocket middleware has run, so from the request itself: an HTTP/1.1 upgrade or an HTTP/2 extended CONNECT.
    private static bool IsWebSocketOpening(HttpContext context) =>
        context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase)
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    private static Task RefuseAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync("Only the dashboard's own pages may open this connection.");
    }
}
