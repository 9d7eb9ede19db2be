using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Access;

/// <summary>
/// A component that acts as the signed-in user: the services it calls check that user's role themselves and answer a
/// <see cref="ChangeResult"/>, so all it needs is <see cref="ActorAsync"/>.
/// </summary>
public abstract class ActingUserComponent : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The signed-in user; an anonymous one (whom every service refuses) where no authentication state cascades.</summary>
    protected async Task<ClaimsPrincipal> ActorAsync() => AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
}
