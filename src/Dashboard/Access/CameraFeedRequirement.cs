using Microsoft.AspNetCore.Authorization;
using Streaming.Cameras;

namespace Dashboard.Access;

/// <summary>
/// May watch the camera the request is for: any dashboard role may watch every camera; a share link
/// only its own camera (the default camera, for <c>/video_feed</c> without an id).
/// </summary>
public sealed class CameraFeedRequirement : IAuthorizationRequirement;

internal sealed class CameraFeedHandler(CameraRegistry cameras) : AuthorizationHandler<CameraFeedRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CameraFeedRequirement requirement)
    {
        var user = context.User;
        if (DashboardRoles.All.Any(user.IsInRole))
        {
            context.Succeed(requirement);
        }
        else if (user.FindFirst(DashboardClaims.LinkCamera)?.Value is { } linkCamera
            && context.Resource is HttpContext http
            && string.Equals(RequestedCamera(http), linkCamera, StringComparison.OrdinalIgnoreCase))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private string? RequestedCamera(HttpContext http) =>
        http.GetRouteValue("cameraId") as string ?? cameras.DefaultCamera?.Id;
}
