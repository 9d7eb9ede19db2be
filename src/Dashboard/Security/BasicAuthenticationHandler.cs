using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// HTTP Basic with a dashboard user's name and password, for tools that cannot hold a cookie (Home
/// Assistant, VLC, ffmpeg). Failures count toward the account's lockout and the address's throttle. A disabled
/// account is refused (<see cref="DashboardSignInManager"/>); its running streams are ended by <see cref="UserSessions"/>.
/// The check runs in a scope of its own: a feed's request lasts hours, and its scope would otherwise keep a
/// database context, with the user it read, alive for every connected tool.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IServiceScopeFactory scopes,
    SignInThrottle throttle,
    UserSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Realm = "Camera dashboard";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress;
        if (throttle.IsBlocked(address))
        {
            return AuthenticateResult.Fail("Too many failed sign-ins from this address.");
        }

        if (!TryDecode(header.Parameter, out var userName, out var password))
        {
            throttle.RecordFailure(address);
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>();
        var started = TimeProvider.GetUtcNow();
        var user = await signIn.UserManager.FindByNameAsync(userName);

        // Registered before the check: disabling or deleting the user ends this request; and an account changed
        // since it was read (perhaps just disabled) is not trusted in that state: the tool's next request reads it anew.
        var live = user is null ? null : sessions.Track(user.Id, Context.Abort);
        if (user is not null && sessions.EndedSince(user.Id, started))
        {
            live!.Dispose();
            return AuthenticateResult.Fail("The account changed while signing in.");
        }

        var result = user is null ? SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            live?.Dispose();
            throttle.RecordFailure(address);
            return AuthenticateResult.Fail(result.IsLockedOut ? "The account is locked." : "Wrong user name or password.");
        }

        Response.RegisterForDispose(live!);
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => RawEndpoints.ChallengeAsync(Response);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RawEndpoints.ForbidAsync(Response);

    private static bool TryDecode(string? parameter, out string userName, out string password)
    {
        userName = password = "";
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            (userName, password) = (text[..colon], text[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
