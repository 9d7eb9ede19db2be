using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Dashboard.Nodes;

/// <summary>
/// What a node presents to another node of the same database to read a camera it captures: a value sealed with the
/// shared sign-in keys (Data Protection), so only nodes holding those keys can make or check one and nothing is stored.
/// It is sent as the password of HTTP Basic (the <c>Http</c> camera kind's), and opens what a viewer may open. It holds
/// its expiry (<c>Nodes:PeerCredentialLifetime</c> after it was made), sealed with the name, and is refused after it; the
/// reading node makes a new one before (<see cref="PeerCredentialRenewal"/>). A stream opened with it runs on: only a
/// new connection presents it again.
/// </summary>
public sealed class NodePeerCredential(IDataProtectionProvider protection, IOptions<NodeOptions> options, TimeProvider time)
{
    /// <summary>What every peer credential starts with.</summary>
    public const string Prefix = "cdn_";

    /// <summary>The user name the credential is sent with.</summary>
    public const string UserName = "node";

    // v2: the payload carries the expiry; a v1 credential (none) is not readable with it, so it is refused.
    private readonly IDataProtector _protector = protection.CreateProtector("Dashboard.Nodes.Peer.v2");

    public string For(string nodeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        var expires = time.GetUtcNow() + options.Value.PeerCredentialLifetime;
        return Prefix + _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{expires.ToUnixTimeMilliseconds()} {nodeName}"));
    }

    /// <summary>The node that made the credential, or null if it is not one, has expired, or was sealed with other keys.</summary>
    public string? Read(string? secret) => Open(secret) is { } opened && opened.ExpiresAt > time.GetUtcNow() ? opened.Node : null;

    /// <summary>When the credential expires (null: it is not one this node can read).</summary>
    public DateTimeOffset? ExpiresAt(string? secret) => Open(secret)?.ExpiresAt;

    private (string Node, DateTimeOffset ExpiresAt)? Open(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(secret[Prefix.Length..]);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && long.TryParse(payload.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            ? (payload[(space + 1)..], DateTimeOffset.FromUnixTimeMilliseconds(expires))
            : null;
    }
}
