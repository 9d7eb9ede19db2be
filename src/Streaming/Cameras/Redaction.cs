using System.Text;
using System.Text.RegularExpressions;

namespace Streaming.Cameras;

/// <summary>
/// The one place that hides credentials before a camera's settings or errors are shown or logged: a URL's
/// userinfo (up to its last '@'), query parameters and command-line options named like a credential (user,
/// pass, pwd, token, key, secret, sig, ...), HTTP authorization headers, and, in free text that may echo
/// them in another form (an OpenCV or ffmpeg error), every secret value the camera holds.
/// </summary>
public static partial class Redaction
{
    public const string Mask = "***";

    // Shorter secrets are hidden only where they stand (userinfo, parameter), not searched for in free text.
    private const int ShortestSearchedSecret = 4;

    private static readonly string[] ExactNames =
    [
        "user", "username", "userid", "usr", "uid", "login", "pass", "pw", "pwd", "passwd", "password", "passphrase",
        "token", "key", "apikey", "auth", "authorization", "secret", "sig", "signature", "credential", "credentials",
        "session", "sessionid", "cookie",
    ];

    private static readonly string[] ContainedNames = ["pass", "pwd", "secret", "token", "credential", "apikey", "accesskey", "privatekey"];

    private static readonly string[] EndingNames = ["user", "pw", "key", "auth", "sig", "signature"];

    /// <summary>True for a parameter, option or property name that holds a credential (case, '-', '_' and '.' ignored).</summary>
    public static bool IsCredentialName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var normalized = new string([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        return normalized.Length > 0
            && (ExactNames.Contains(normalized)
                || ContainedNames.Any(n => normalized.Contains(n, StringComparison.Ordinal))
                || EndingNames.Any(n => normalized.EndsWith(n, StringComparison.Ordinal)));
    }

    /// <summary>Masks the credentials of every URL in <paramref name="text"/> (one URL, or a message holding some).</summary>
    public static string? RedactUrl(string? text) =>
        text is null ? null : UrlPattern().Replace(text, m => MaskUrl(UrlParts.Parse(m.Value)));

    /// <summary>
    /// Masks free text: URLs, <c>name=value</c> pairs and authorization headers; with a camera, also every secret
    /// of that camera wherever it appears (an error may quote a URL decoded or only its password).
    /// </summary>
    public static string? RedactText(string? text, CameraDefinition? camera = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var masked = RedactUrl(text)!;
        masked = PairPattern().Replace(masked, m => IsCredentialName(m.Groups["name"].Value) && !m.Groups["value"].Value.StartsWith(Mask, StringComparison.Ordinal) ? $"{m.Groups["name"].Value}{m.Groups["sep"].Value}{Mask}" : m.Value);
        masked = HeaderPattern().Replace(masked, m => $"{m.Groups["name"].Value}: {Mask}");
        return camera is null ? masked : ReplaceSecrets(masked, SecretsOf(camera));
    }

    /// <summary>
    /// A command line with its credentials masked: the value after an option named like a credential
    /// (<c>-password X</c>), the value of <c>--pass=X</c> or <c>user-pw=X</c>, and URLs' credentials in any argument.
    /// </summary>
    /// <summary>The camera as it may be shown (a form, the API, the change log): URL and arguments redacted, a password as <see cref="Mask"/>.</summary>
    public static CameraDefinition Redact(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return camera with
        {
            Url = RedactUrl(camera.Url),
            Arguments = RedactArguments(camera.Arguments),
            Password = string.IsNullOrEmpty(camera.Password) ? camera.Password : Mask,
        };
    }

    public static IReadOnlyList<string> RedactArguments(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var masked = new string[arguments.Count];
        var secrets = SecretsOf(null, arguments);
        var valueFollows = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (valueFollows)
            {
                masked[i] = Mask;
                valueFollows = false;
                continue;
            }

            if (CredentialOption(argument) is { } option)
            {
                masked[i] = option.Groups["value"].Success ? $"{option.Groups["prefix"].Value}{option.Groups["name"].Value}={Mask}" : argument;
                valueFollows = !option.Groups["value"].Success;
                continue;
            }

            // A secret given to one option may be repeated in another argument (a script, a header).
            masked[i] = ReplaceSecrets(RedactText(argument)!, secrets);
        }

        return masked;
    }

    /// <summary>Every credential value a camera holds (URL userinfo and its parts, credential parameters, option values, an Http camera's password).</summary>
    public static IReadOnlySet<string> SecretsOf(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var secrets = SecretsOf(camera.Url, camera.Arguments);
        if (!string.IsNullOrEmpty(camera.Password) && camera.Password != Mask)
        {
            secrets.Add(camera.Password);
        }

        return secrets;
    }

    private static string ReplaceSecrets(string text, IReadOnlySet<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= ShortestSearchedSecret).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static HashSet<string> SecretsOf(string? url, IReadOnlyList<string> arguments)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        void AddFromText(string? text)
        {
            foreach (Match url in UrlPattern().Matches(text ?? ""))
            {
                var parts = UrlParts.Parse(url.Value);
                if (parts.UserInfo is { Length: > 0 } userInfo)
                {
                    Add(userInfo);
                    foreach (var piece in userInfo.Split(':', 2))
                    {
                        Add(piece);
                    }
                }

                foreach (var (name, value) in parts.Pairs)
                {
                    if (IsCredentialName(name))
                    {
                        Add(value);
                    }
                }
            }
        }

        void Add(string? value)
        {
            if (!string.IsNullOrEmpty(value) && value != Mask)
            {
                secrets.Add(value);
                secrets.Add(Uri.UnescapeDataString(value));
            }
        }

        AddFromText(url);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (CredentialOption(argument) is { } option)
            {
                Add(option.Groups["value"].Success ? option.Groups["value"].Value : i + 1 < arguments.Count ? arguments[i + 1] : null);
            }

            AddFromText(argument);
        }

        return secrets;
    }

    /// <summary>An exception to log in place of <paramref name="exception"/>: same type name, message and stack, credentials masked.</summary>
    public static Exception RedactException(Exception exception, CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new RedactedException(RedactText(exception.Message, camera)!, RedactText(exception.ToString(), camera)!);
    }

    // An option naming a credential: "-password" (its value follows) or "--pass=X" / "user-pw=X" (value included).
    private static Match? CredentialOption(string argument) =>
        OptionPattern().Match(argument) is { Success: true } option
            && IsCredentialName(option.Groups["name"].Value)
            && (option.Groups["value"].Success || option.Groups["prefix"].Length > 0)
            ? option
            : null;

    private static string MaskUrl(UrlParts url)
    {
        var text = new StringBuilder(url.Scheme).Append("://");
        if (url.UserInfo is not null)
        {
            text.Append(Mask).Append('@');
        }

        text.Append(url.HostAndPath);
        if (url.Query is not null)
        {
            text.Append('?').AppendJoin('&', url.Pairs.Select(p => p.Value is null ? p.Name : $"{p.Name}={(IsCredentialName(p.Name) ? Mask : p.Value)}"));
        }

        return text.Append(url.Fragment).ToString();
    }

    // A URL up to whitespace or a quote (messages put URLs in quotes), without trailing punctuation ("... on URL: 401").
    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.-]*://(?:[^\s'""<>]*[^\s'""<>.,;:)\]])?")]
    internal static partial Regex UrlPattern();

    // name=value in free text (ffmpeg options, GStreamer properties, form bodies echoed in errors).
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<name>[A-Za-z][A-Za-z0-9_.-]*)(?<sep>=)(?<value>[^\s&;,'""<>)]+)")]
    private static partial Regex PairPattern();

    [GeneratedRegex(@"(?<name>\b(?:Proxy-)?Authorization|\bCookie|\bX-Api-Key)\s*:\s*[^\r\n'""]+", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderPattern();

    // -name, --name, --name=value, name=value (GStreamer), /name=value.
    [GeneratedRegex(@"^(?<prefix>-{1,2}|/)?(?<name>[A-Za-z][A-Za-z0-9_.-]*)(?:=(?<value>.*))?$", RegexOptions.Singleline)]
    private static partial Regex OptionPattern();
}
