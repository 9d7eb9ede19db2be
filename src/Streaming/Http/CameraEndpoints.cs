using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streaming.Cameras;

namespace Streaming.Http;

/// <summary>What the feed, snapshot and API endpoints of one camera share: the camera their route names, or a 404.</summary>
internal static class CameraEndpoints
{
    /// <summary>Maps <c>GET</c> on a pattern whose <c>{cameraId}</c> names a camera; an unknown id answers <see cref="CameraNotFound.For"/>.</summary>
    public static RouteHandlerBuilder MapGetCamera(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, Camera, Task<IResult>> handle) =>
        endpoints.MapGet(pattern, (string cameraId, HttpContext context, CameraRegistry cameras) =>
            cameras.Find(cameraId) is { } camera ? handle(context, camera) : Task.FromResult(CameraNotFound.For(cameraId)));
}
