using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Access;

/// <summary>
/// How share-link and machine-token secrets are stored: SHA-256, hex. Enough for 256 random bits (nothing to guess),
/// and one indexed lookup per request.
/// </summary>
internal static class SecretHash
{
    public static string Of(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>256 random bits, base64url without padding (43 characters).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
