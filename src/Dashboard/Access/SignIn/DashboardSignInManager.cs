using System.Security.Claims;
using Dashboard.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.SignIn;

/// <summary>
/// Identity's sign-in manager, plus: a disabled account cannot sign in by any route, and every cookie sign-in is a
/// session of its own (<see cref="SignInSessions"/>), so signing out can end exactly that browser's sign-in.
/// </summary>
public sealed class DashboardSignInManager(
    UserManager<DashboardUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<DashboardUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<DashboardUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<DashboardUser> confirmation,
    SignInSessions sessions,
    DashboardDbContext db)
    : SignInManager<DashboardUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(DashboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    public override async Task SignInWithClaimsAsync(DashboardUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var session = await sessions.StartAsync(db, user.Id);
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(DashboardClaims.Session, session)]);
    }
}
