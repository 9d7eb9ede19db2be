using Microsoft.Extensions.Options;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Http;

namespace Dashboard.Tiles;

/// <summary><c>/ws/tiles</c>: accepts a page's tile socket and serves it (pages of other origins are refused before: <see cref="Access.SameOrigin"/>).</summary>
internal static class TileSocketEndpoint
{
    public const string Path = "/ws/tiles";

    public const string Label = "grid tile";

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        CameraRegistry cameras,
        IOptions<TileOptions> options,
        ILogger<TileSocketSession> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Results.Problem("This address only takes WebSocket requests.", statusCode: StatusCodes.Status400BadRequest);
        }

        var viewer = HttpSubscriber.Describe(context, SubscriberKind.Dashboard, Label);
        viewer = viewer with { User = viewer.User ?? GridPreferences.AnonymousUser };
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await using var session = new TileSocketSession(socket, cameras, viewer, options.Value, logger);
        await session.RunAsync(context.RequestAborted);
        return Results.Empty;
    }
}
