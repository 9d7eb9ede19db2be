using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Access.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Streaming.Http;

namespace Dashboard.Access.Sharing;

/// <summary>
/// A share link's token (<c>?token=</c>) stands for "may watch camera X". The principal it creates has no
/// role, so it passes only the camera-feed policy, and only for that camera.
/// </summary>
public sealed class ShareLinkAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ShareLinkService links,
    ShareLinkRevocations revocations,
    SignInThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Query.TryGetValue(DashboardSchemes.TokenParameter, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress;
        if (throttle.IsBlocked(address))
        {
            return AuthenticateResult.Fail("Too many failed attempts from this address.");
        }

        var link = values.Count == 1 ? await links.UseAsync(values[0]!, Context.RequestAborted) : null;
        if (link is null)
        {
            throttle.RecordFailure(address);
            return AuthenticateResult.Fail("The link is unknown, expired or revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"link: {link.Name}"),
                new Claim(DashboardClaims.LinkCamera, link.CameraId),
                new Claim(DashboardClaims.LinkId, link.Id.ToString()),
                new Claim(HttpSubscriber.LinkNameClaim, link.Name),
            ],
            Scheme.Name);
        Context.Response.RegisterForDispose(revocations.Track(link.Id, link.ExpiresAt, Context.Abort));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => RawEndpoints.ChallengeAsync(Response);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RawEndpoints.ForbidAsync(Response);
}
