using System.Net;
using System.Security.Claims;
using Dashboard.Nodes;
using Dashboard.Access.SignIn;
using Microsoft.AspNetCore.Authentication;

namespace Dashboard.Access.Tokens;

/// <summary>
/// Turns a presented machine token into its owner's principal for one request, whether it came as
/// <c>Authorization: Bearer</c> or as the password of HTTP Basic (for tools that know only Basic, such as Home
/// Assistant's MJPEG camera and the <c>Http</c> camera kind). Only the machine-facing paths accept it: feeds,
/// snapshots, the API and <c>/metrics</c>. The request is ended at once when the token is revoked or expires, or when
/// the owner is disabled or changed (<see cref="UserSessions"/>). Another node of the same database presents a
/// <see cref="NodePeerCredential"/> the same way, and may watch (a viewer's access).
/// </summary>
public sealed class MachineTokenSignIn(MachineTokenVerifier tokens, MachineTokenRevocations revocations, NodePeerCredential peers, UserSessions sessions, SignInThrottle throttle, TimeProvider time)
{
    /// <summary>Claim naming the token a request was authorized by (its name), for the viewer statistics.</summary>
    public const string TokenNameClaim = "machine-token";

    private static readonly string[] Paths = ["/video_feed", "/snapshot", "/api", "/metrics"];

    /// <summary>True for what looks like a machine token or a node's credential (anything else is a password or another bearer).</summary>
    public static bool Looks(string? secret) =>
        secret?.StartsWith(MachineTokenVerifier.Prefix, StringComparison.Ordinal) == true || secret?.StartsWith(NodePeerCredential.Prefix, StringComparison.Ordinal) == true;

    public async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string secret, string scheme)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Paths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return AuthenticateResult.Fail("Machine tokens open feeds, snapshots, the API and /metrics only.");
        }

        IPAddress? address = context.Connection.RemoteIpAddress;
        if (throttle.IsBlocked(address))
        {
            return AuthenticateResult.Fail("Too many failed attempts from this address.");
        }

        if (secret.StartsWith(NodePeerCredential.Prefix, StringComparison.Ordinal))
        {
            return Peer(secret, address, scheme);
        }

        var started = time.GetUtcNow();
        if (await tokens.VerifyAsync(secret, context.RequestAborted) is not { } token)
        {
            throttle.RecordFailure(address);
            return AuthenticateResult.Fail("The token is unknown, expired or revoked, or its user is disabled.");
        }

        // Registered before the check, so a change of the owner right after it still ends this request.
        var owner = sessions.Track(token.UserId, context.Abort);
        if (sessions.EndedSince(token.UserId, started))
        {
            owner.Dispose();
            return AuthenticateResult.Fail("The token's user changed while signing in.");
        }

        context.Response.RegisterForDispose(owner);
        context.Response.RegisterForDispose(revocations.Track(token.TokenId, token.ExpiresAt, context.Abort));
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, token.UserId),
                new Claim(ClaimTypes.Name, token.UserName),
                new Claim(TokenNameClaim, token.TokenName),
                .. token.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
            ],
            scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), scheme));
    }

    private AuthenticateResult Peer(string secret, IPAddress? address, string scheme)
    {
        if (peers.Read(secret) is not { } node)
        {
            throttle.RecordFailure(address);
            return AuthenticateResult.Fail("The node credential has expired or was not made with this database's keys.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"node {node}"), new Claim(ClaimTypes.Role, DashboardRoles.Viewer)], scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), scheme));
    }
}
