using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Http;

public static class VideoFeedEndpoints
{
    /// <summary>Maps <c>GET /video_feed</c> (default camera) and <c>GET /video_feed/{cameraId}</c>.</summary>
    public static RouteGroupBuilder MapVideoFeed(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(FeedRoutes.FeedPrefix);
        group.MapGet("", (HttpContext context, CameraRegistry cameras) =>
            cameras.DefaultCamera is { } camera ? Stream(context, camera) : CameraNotFound.NoCameras())
            .WithName("DefaultVideoFeed");
        group.MapGetCamera("/{cameraId}", (context, camera) => Task.FromResult(Stream(context, camera))).WithName("VideoFeed");
        return group;
    }

    private static IResult Stream(HttpContext context, Camera camera)
    {
        if (!FeedRequest.TryParse(context.Request.Query, out var request, out var error))
        {
            return CameraNotFound.BadRequest(error);
        }

        var subscriber = HttpSubscriber.Describe(context, SubscriberKind.Feed, request.Client);
        return new MjpegStreamResult(camera, subscriber, request.MaxFps, request.StyleFor(context.Request));
    }
}
