using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streaming.Cameras;

namespace Streaming.Http;

public static class CameraApiEndpoints
{
    /// <summary>Maps <c>GET /api/cameras</c> and <c>GET /api/cameras/{cameraId}</c>: what the dashboard shows, as JSON.</summary>
    public static RouteGroupBuilder MapCameraApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cameras").WithTags("Cameras");
        group.MapGet("", (HttpContext context, CameraRegistry cameras) =>
            TypedResults.Ok(cameras.Cameras.Select(c => Describe(context, cameras, c)).ToList()))
            .WithName("ListCameras");
        group.MapGet("/{cameraId}", (string cameraId, HttpContext context, CameraRegistry cameras) =>
            cameras.Find(cameraId) is { } camera ? Results.Ok(Describe(context, cameras, camera)) : CameraNotFound.For(cameraId))
            .WithName("GetCamera");
        return group;
    }

    private static CameraDto Describe(HttpContext context, CameraRegistry cameras, Camera camera) =>
        CameraDto.From(camera, ReferenceEquals(camera, cameras.DefaultCamera), context.Request.PathBase);
}
