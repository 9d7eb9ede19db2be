using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.Tokens;

/// <summary>
/// <c>Authorization: Bearer cdt_...</c>: a machine token (<see cref="MachineTokenSignIn"/>). A bearer value that is not
/// a machine token is left alone (<c>Metrics:BearerToken</c> is checked by the metrics policy itself).
/// </summary>
public sealed class MachineTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MachineTokenSignIn tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The authentication scheme's name.</summary>
    public const string SchemeName = "MachineToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            && MachineTokenSignIn.Looks(header.Parameter)
            ? tokens.AuthenticateAsync(Context, header.Parameter!, Scheme.Name)
            : Task.FromResult(AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => RawEndpoints.ChallengeAsync(Response);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RawEndpoints.ForbidAsync(Response);
}
