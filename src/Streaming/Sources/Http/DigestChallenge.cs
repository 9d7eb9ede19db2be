using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Streaming.Sources.Http;

/// <summary>
/// An HTTP Digest challenge (RFC 7616, and RFC 2617/2069 servers without qop) and the answers to it:
/// MD5 and SHA-256, their <c>-sess</c> variants, qop=auth with a counted nonce and a client nonce.
/// </summary>
internal sealed record DigestChallenge(string Realm, string Nonce, string? Opaque, string Algorithm, bool HasQopAuth, bool Stale, bool UserHash)
{
    private static readonly string[] Algorithms = ["SHA-256", "SHA-256-sess", "MD5", "MD5-sess"];

    /// <summary>The better of the Digest challenges a server offered (SHA-256 over MD5), or null when none can be answered.</summary>
    public static DigestChallenge? Choose(IEnumerable<string> parameterLists) =>
        parameterLists.Select(Parse).OfType<DigestChallenge>().OrderBy(c => Array.IndexOf(Algorithms, c.Algorithm)).FirstOrDefault();

    /// <summary>Reads the parameters after <c>Digest</c>; null when the challenge asks for something not supported (auth-int only, SHA-512-256).</summary>
    public static DigestChallenge? Parse(string parameters)
    {
        var values = ParseParameters(parameters);
        if (!values.TryGetValue("nonce", out var nonce))
        {
            return null;
        }

        var algorithm = values.GetValueOrDefault("algorithm", "MD5");
        var known = Array.Find(Algorithms, a => a.Equals(algorithm, StringComparison.OrdinalIgnoreCase));
        var qop = values.GetValueOrDefault("qop");
        var hasAuth = qop?.Split(',').Any(q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase)) ?? false;
        if (known is null || (qop is not null && !hasAuth))
        {
            return null;
        }

        return new DigestChallenge(
            values.GetValueOrDefault("realm", ""),
            nonce,
            values.GetValueOrDefault("opaque"),
            known,
            hasAuth,
            string.Equals(values.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase),
            string.Equals(values.GetValueOrDefault("userhash"), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The <c>Authorization</c> parameters (after <c>Digest </c>) for one request.</summary>
    public string Answer(string userName, string password, string method, string uri, int count, string clientNonce)
    {
        var sess = Algorithm.EndsWith("-sess", StringComparison.Ordinal);
        var ha1 = Hash($"{userName}:{Realm}:{password}");
        if (sess)
        {
            ha1 = Hash($"{ha1}:{Nonce}:{clientNonce}");
        }

        var ha2 = Hash($"{method}:{uri}");
        var nc = count.ToString("x8", CultureInfo.InvariantCulture);
        var response = HasQopAuth ? Hash($"{ha1}:{Nonce}:{nc}:{clientNonce}:auth:{ha2}") : Hash($"{ha1}:{Nonce}:{ha2}");
        var user = UserHash ? Hash($"{userName}:{Realm}") : userName;

        var answer = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"username={Quote(user)}, realm={Quote(Realm)}, nonce={Quote(Nonce)}, uri={Quote(uri)}, ")
            .Append(CultureInfo.InvariantCulture, $"algorithm={Algorithm}, response={Quote(response)}");
        if (HasQopAuth)
        {
            answer.Append(CultureInfo.InvariantCulture, $", qop=auth, nc={nc}, cnonce={Quote(clientNonce)}");
        }

        if (Opaque is not null)
        {
            answer.Append(CultureInfo.InvariantCulture, $", opaque={Quote(Opaque)}");
        }

        if (UserHash)
        {
            answer.Append(", userhash=true");
        }

        return answer.ToString();
    }

    public static string NewClientNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private string Hash(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5351 // MD5 is what Digest servers ask for; the choice is the server's.
        var digest = Algorithm.StartsWith("SHA-256", StringComparison.Ordinal) ? SHA256.HashData(bytes) : MD5.HashData(bytes);
#pragma warning restore CA5351
        return Convert.ToHexString(digest).ToLowerInvariant();
    }

    private static string Quote(string value) => $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    /// <summary>Reads <c>name=token</c> and <c>name="quoted, string"</c> pairs separated by commas.</summary>
    internal static Dictionary<string, string> ParseParameters(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',')
            {
                i++;
            }

            var name = text[nameStart..i].Trim();
            if (i >= text.Length || text[i] != '=')
            {
                continue;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i]);
                }

                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    value.Append(text[i++]);
                }
            }

            if (name.Length > 0)
            {
                values[name] = value.ToString().Trim();
            }
        }

        return values;
    }
}
