using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Motion;

namespace Streaming.Http;

public static class CameraApiEndpoints
{
    /// <summary>Maps <c>GET /api/cameras</c> and <c>GET /api/cameras/{cameraId}</c>: what the dashboard shows, as JSON.</summary>
    public static RouteGroupBuilder MapCameraApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cameras");
        group.MapGet("", async (HttpContext context, CameraRegistry cameras) =>
        {
            var withErrors = await CameraErrorAccess.AllowsAsync(context);
            return TypedResults.Ok(cameras.Cameras.Select(c => Describe(context, cameras, c, withErrors)).ToList());
        })
            .WithName("ListCameras");
        group.MapGetCamera("/{cameraId}", async (context, camera) =>
            Results.Ok(Describe(context, context.RequestServices.GetRequiredService<CameraRegistry>(), camera, await CameraErrorAccess.AllowsAsync(context))))
            .WithName("GetCamera");
        return group;
    }

    private static CameraDto Describe(HttpContext context, CameraRegistry cameras, Camera camera, bool withErrorDetails) =>
        CameraDto.From(camera, ReferenceEquals(camera, cameras.DefaultCamera), context.Request.PathBase, withErrorDetails,
            context.RequestServices.GetService<MotionService>()?.StatusOf(camera.Id),
            context.RequestServices.GetService<ICameraOrigins>()?.RemoteOf(camera.Id));
}
