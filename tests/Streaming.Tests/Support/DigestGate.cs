using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Streaming.Tests.Support;

/// <summary>
/// A server's side of HTTP Digest (RFC 7616), written apart from the app's client so the two check each other:
/// challenges with qop=auth, checks the response hash, the uri, and that each nonce's count only goes up.
/// After <see cref="StaleAfter"/> uses a nonce is declared stale, as cameras do when nonces expire.
/// </summary>
internal sealed partial class DigestGate(string userName, string password, string algorithm = "MD5", string realm = "camera")
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public int? StaleAfter { get; init; }

    public int Challenges => Volatile.Read(ref _challenges);

    public int StaleChallenges => Volatile.Read(ref _stale);

    private int _challenges;
    private int _stale;

    /// <summary>True when the request carries a valid answer; otherwise answers 401 with a challenge.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Digest ", StringComparison.Ordinal))
        {
            var p = Parameters().Matches(header[7..]).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["token"].Value);
            var uri = context.Request.Path + context.Request.QueryString;
            if (p.GetValueOrDefault("username") == userName && p.GetValueOrDefault("realm") == realm && p.GetValueOrDefault("uri") == uri
                && p.GetValueOrDefault("algorithm", "MD5") == algorithm && p.GetValueOrDefault("qop") == "auth"
                && p.TryGetValue("nonce", out var nonce) && _counts.TryGetValue(nonce, out var last)
                && int.TryParse(p.GetValueOrDefault("nc"), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var nc)
                && p.TryGetValue("cnonce", out var cnonce) && p.GetValueOrDefault("response") == Expected(nonce, p["nc"], cnonce, uri))
            {
                if (nc <= last)
                {
                    await ChallengeAsync(context, stale: false);
                    return false;
                }

                if (StaleAfter is { } limit && nc > limit)
                {
                    Interlocked.Increment(ref _stale);
                    await ChallengeAsync(context, stale: true);
                    return false;
                }

                _counts[nonce] = nc;
                return true;
            }
        }

        await ChallengeAsync(context, stale: false);
        return false;
    }

    private string Expected(string nonce, string nc, string cnonce, string uri)
    {
        var ha1 = H($"{userName}:{realm}:{password}");
        if (algorithm.EndsWith("-sess", StringComparison.Ordinal))
        {
            ha1 = H($"{ha1}:{nonce}:{cnonce}");
        }

        return H($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{H($"GET:{uri}")}");
    }

#pragma warning disable CA5351 // MD5 is what Digest cameras use.
    private string H(string text) => Convert.ToHexString(algorithm.StartsWith("SHA-256", StringComparison.Ordinal)
        ? SHA256.HashData(Encoding.UTF8.GetBytes(text))
        : MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
#pragma warning restore CA5351

    private Task ChallengeAsync(HttpContext context, bool stale)
    {
        Interlocked.Increment(ref _challenges);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        _counts[nonce] = 0;
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate =
            $"Digest realm=\"{realm}\", qop=\"auth\", algorithm={algorithm}, nonce=\"{nonce}\", opaque=\"opaque-value\"{(stale ? ", stale=true" : "")}";
        return context.Response.WriteAsync("Unauthorized");
    }

    [GeneratedRegex("(?<name>[a-z]+)=(?:\"(?<quoted>[^\"]*)\"|(?<token>[^,\\s]*))")]
    private static partial Regex Parameters();
}
