using System.Text.RegularExpressions;

namespace Streaming.Cameras;

/// <summary>Hides credentials embedded in URLs (rtsp://user:password@host) before a setting is shown or logged.</summary>
public static partial class Redaction
{
    public const string Mask = "***";

    public static string? RedactUrl(string? text) =>
        text is null ? null : UserInfo().Replace(text, m => $"{m.Groups["scheme"].Value}://{Mask}@");

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://[^/@\s]+@")]
    private static partial Regex UserInfo();
}
