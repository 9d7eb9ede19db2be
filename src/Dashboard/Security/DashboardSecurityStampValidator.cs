using System.Security.Claims;
using Dashboard.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// Identity's cookie check (the security stamp, every <see cref="SecurityStampValidatorOptions.ValidationInterval"/>),
/// plus: each cookie request is registered with <see cref="UserSessions"/>, and a cookie issued before an
/// admin changed its user is checked at once instead of at the next interval.
/// </summary>
internal sealed class DashboardSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<DashboardUser> signInManager,
    ILoggerFactory logger,
    UserSessions sessions,
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

        // Registered before the check: an admin's change either ends this request or is seen by the check.
        context.HttpContext.Response.RegisterForDispose(sessions.Track(userId, context.HttpContext.Abort));
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
}
