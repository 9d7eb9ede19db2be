using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.SignIn;

/// <summary>
/// HTTP Basic with a dashboard user's name and password, for tools that cannot hold a cookie (Home
/// Assistant, VLC, ffmpeg), checked by <see cref="PasswordSignIn"/> like the form (and, like the form, answering an
/// unknown, locked or disabled account as a wrong password); a verified password is remembered for a while
/// (<see cref="CredentialCache"/>), so a tool sending it with every request costs one hash, not one per request, and
/// usually no database read. A disabled account's running streams are ended by <see cref="UserSessions"/>.
/// The check runs in a scope of its own: a feed's request lasts hours, and its scope would otherwise keep a
/// database context, with the user it read, alive for every connected tool.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IServiceScopeFactory scopes,
    SignInThrottle throttle,
    SignInLockouts lockouts,
    CredentialCache credentials,
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
        if (!TryDecode(header.Parameter, out var userName, out var password))
        {
            throttle.RecordFailure(address);
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        var started = TimeProvider.GetUtcNow();

        // A password verified lately, with nothing changed since: no scope, no database, no hash.
        if (!throttle.IsBlocked(address) && credentials.TryHit(userName, password, out var cachedUser, out var cachedPrincipal) && !lockouts.IsLocked(cachedUser, address))
        {
            return Succeed(cachedUser, cachedPrincipal, started);
        }

        await using var scope = scopes.CreateAsyncScope();
        var passwords = scope.ServiceProvider.GetRequiredService<PasswordSignIn>();
        var check = await passwords.CheckAsync(userName, password, address);
        return check.User is { } user
            ? Succeed(user.Id, await passwords.PrincipalAsync(userName, user), started)
            : AuthenticateResult.Fail(check.AddressBlocked ? PasswordCheck.AddressRefusal : "The user name and password were refused.");
    }

    /// <summary>
    /// An account changed since the check read it (perhaps just disabled) is not trusted in that state: the tool's
    /// next request reads it anew. Registered first, so disabling or deleting the user later ends this request.
    /// </summary>
    private AuthenticateResult Succeed(string userId, System.Security.Claims.ClaimsPrincipal principal, DateTimeOffset started)
    {
        var live = sessions.Track(userId, Context.Abort);
        if (sessions.EndedSince(userId, started))
        {
            live.Dispose();
            return AuthenticateResult.Fail("The account changed while signing in.");
        }

        Response.RegisterForDispose(live);
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
