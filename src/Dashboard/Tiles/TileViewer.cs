using Streaming.Broadcasting;

namespace Dashboard.Tiles;

/// <summary>
/// The browser behind a Blazor circuit (address and user agent), read once when the circuit's scope is
/// created: interactive components have no <see cref="HttpContext"/> of their own.
/// </summary>
public sealed class TileViewer(IHttpContextAccessor accessor)
{
    private const int MaxUserAgentLength = 200;

    private readonly string? _remoteAddress = accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
    private readonly string? _userAgent = Truncate(accessor.HttpContext?.Request.Headers.UserAgent.ToString());

    /// <summary>A new subscriber (with its own id) for one tile of <paramref name="userName"/>.</summary>
    public SubscriberInfo Describe(string userName) => new()
    {
        Kind = SubscriberKind.Dashboard,
        User = userName,
        Label = TileSocketEndpoint.Label,
        RemoteAddress = _remoteAddress,
        UserAgent = _userAgent,
    };

    private static string? Truncate(string? value) =>
        string.IsNullOrEmpty(value) ? null : value.Length > MaxUserAgentLength ? value[..MaxUserAgentLength] : value;
}
