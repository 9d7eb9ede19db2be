using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Nodes;

/// <summary>
/// What a node presents to another node of the same database to read a camera it captures: a value sealed with the
/// shared sign-in keys (Data Protection), so only nodes holding those keys can make or check one and nothing is stored.
/// It is sent as the password of HTTP Basic (the <c>Http</c> camera kind's), and opens what a viewer may open.
/// </summary>
public sealed class NodePeerCredential(IDataProtectionProvider protection)
{
    /// <summary>What every peer credential starts with.</summary>
    public const string Prefix = "cdn_";

    /// <summary>The user name the credential is sent with.</summary>
    public const string UserName = "node";

    private readonly IDataProtector _protector = protection.CreateProtector("Dashboard.Nodes.Peer.v1");

    public string For(string nodeName) => Prefix + _protector.Protect(nodeName);

    /// <summary>The node that made the credential, or null if it is not one (or was sealed with other keys).</summary>
    public string? Read(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(secret[Prefix.Length..]);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
