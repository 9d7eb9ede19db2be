using System.Security.Claims;
using Dashboard.Access;
using Microsoft.AspNetCore.Authorization;
using Streaming.Http;

namespace Dashboard.Cameras;

/// <summary>
/// A camera's (masked) error names its source, so only operators and admins read it; viewers and share
/// links see the camera and its state. The pages apply the same policy (<c>CameraStateChip</c>, the camera page).
/// </summary>
internal sealed class OperatorsSeeCameraErrors(IAuthorizationService authorization) : ICameraErrorAccess
{
    public async Task<bool> MaySeeErrorDetailsAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, DashboardPolicies.Operate)).Succeeded;
}
