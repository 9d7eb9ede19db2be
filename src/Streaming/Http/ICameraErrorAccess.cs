using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Streaming.Http;

/// <summary>
/// Who may read why a camera fails. The error is masked but names the source (host, port, path, device),
/// which a viewer or a share-link holder should not learn; they get the camera and its state. With no
/// registration, nobody does.
/// </summary>
public interface ICameraErrorAccess
{
    Task<bool> MaySeeErrorDetailsAsync(ClaimsPrincipal user);
}

internal static class CameraErrorAccess
{
    public static async Task<bool> AllowsAsync(HttpContext context) =>
        context.RequestServices.GetService<ICameraErrorAccess>() is { } access && await access.MaySeeErrorDetailsAsync(context.User);
}
