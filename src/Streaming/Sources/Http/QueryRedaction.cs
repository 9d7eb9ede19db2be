using System.Text.RegularExpressions;
using Streaming.Cameras;

namespace Streaming.Sources.Http;

/// <summary>
/// Masks what a camera URL may carry as a secret besides user info: the values of query parameters named like
/// one (<c>?token=</c> of another dashboard's share link, <c>?key=</c>, <c>?password=</c>, ...).
/// </summary>
internal static partial class QueryRedaction
{
    public static string? Redact(string? url) =>
        url is null ? null : SecretParameter().Replace(Redaction.RedactUrl(url)!, m => $"{m.Groups["name"].Value}={Redaction.Mask}");

    [GeneratedRegex(@"(?<=[?&;])(?<name>(?:[A-Za-z0-9_.-]*[_.-])?(?:token|key|apikey|password|passwd|pass|pwd|secret|auth|sig|signature|credentials?)(?:[_.-][A-Za-z0-9_.-]*)?)=[^&#;\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
