using Microsoft.AspNetCore.Http;
using Streaming.Broadcasting;

namespace Streaming.Http;

/// <summary>Describes the client behind a request for the statistics.</summary>
public static class HttpSubscriber
{
    private const int MaxUserAgentLength = 200;

    /// <summary>Claim carrying the name of the share link a request was authorized by.</summary>
    public const string LinkNameClaim = "camera-link";

    public static SubscriberInfo Describe(HttpContext context, SubscriberKind kind, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var linkName = context.User.FindFirst(LinkNameClaim)?.Value;
        return new SubscriberInfo
        {
            Kind = kind,
            Label = label ?? (linkName is null ? null : $"link: {linkName}"),
            User = linkName is null ? context.User.Identity?.Name : null,
            RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
            UserAgent = userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent,
        };
    }
}
