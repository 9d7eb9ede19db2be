using System.Security.Claims;
using Dashboard.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.SignIn;

/// <summary>
/// Identity's cookie check (the security stamp, every <see cref="SecurityStampValidatorOptions.ValidationInterval"/>),
/// plus: the cookie's browser session (<see cref="SignInSessions"/>) must not have signed out, which is known at
/// once in this process and read from the database with the stamp; each cookie request is registered with
/// <see cref="UserSessions"/> and with its session; and a cookie issued before an admin changed its user is checked
/// at once instead of at the next interval.
/// </summary>
internal sealed class DashboardSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<DashboardUser> signInManager,
    ILoggerFactory logger,
    UserSessions sessions,
    SignInSessions signInSessions,
    DashboardDbContext db,
    IOptions<IdentityOptions> identity)
    : SecurityStampValidator<DashboardUser>(options, signInManager, logger)
{
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.Principal?.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        if (string.IsNullOrEmpty(userId))
        {
            await base.ValidateAsync(context);
            return;
        }

        // A cookie without a session is from before sessions existed: signing in once more gives it one.
        if (context.Principal?.FindFirstValue(DashboardClaims.Session) is not { } session || signInSessions.IsEnded(session))
        {
            context.RejectPrincipal();
            await SignInManager.SignOutAsync();
            return;
        }

        // Registered before the check: an admin's change or a sign-out either ends this request or is seen by the check.
        context.HttpContext.Response.RegisterForDispose(sessions.Track(userId, context.HttpContext.Abort));
        signInSessions.Track(context.HttpContext, session);
        var issued = context.Properties.IssuedUtc;
        if (!sessions.EndedSince(userId, issued))
        {
            await base.ValidateAsync(context);
            return;
        }

        // No issue time makes the base class check now. A cookie that passes gets its time back, so the
        // renewal the check asks for can compute the new one.
        context.Properties.IssuedUtc = null;
        await base.ValidateAsync(context);
        if (context.Principal is not null)
        {
            context.Properties.IssuedUtc ??= issued;
        }
    }

    /// <summary>The stamp check, and the session's row with it.</summary>
    protected override async Task<DashboardUser?> VerifySecurityStamp(ClaimsPrincipal? principal)
    {
        var user = await base.VerifySecurityStamp(principal);
        return user is not null && await signInSessions.IsActiveAsync(db, user.Id, principal?.FindFirstValue(DashboardClaims.Session)) ? user : null;
    }

    /// <summary>The renewed cookie's principal is made anew from the user: it keeps its session.</summary>
    protected override async Task SecurityStampVerified(DashboardUser user, CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = context.Principal?.FindFirst(DashboardClaims.Session);
        await base.SecurityStampVerified(user, context);
        if (session is not null && context.Principal?.Identity is ClaimsIdentity renewed)
        {
            renewed.AddClaim(new Claim(session.Type, session.Value));
        }
    }
}
