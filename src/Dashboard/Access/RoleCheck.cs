using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Access;

/// <summary>
/// The one role check of the services that change state: whether the acting user passes a policy, or the
/// refusal to return (<see cref="ChangeResult.Refused"/>).
/// </summary>
public static class RoleCheck
{
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(user);
        return (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }

    /// <summary>Null when <paramref name="user"/> passes <paramref name="policy"/>; otherwise a refusal saying <paramref name="refusal"/>.</summary>
    public static async Task<ChangeResult?> DemandAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy, string refusal) =>
        await authorization.AllowsAsync(user, policy) ? null : ChangeResult.Refused(refusal);
}
