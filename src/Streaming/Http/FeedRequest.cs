using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Streaming.Http;

/// <summary>
/// The optional query parameters of a feed: <c>?fps=N</c> (rate cap), <c>?client=name</c> (label in
/// statistics) and <c>?parts=standard|eager</c> (part framing; by default eager for browsers, which
/// announce themselves with a <c>Sec-Fetch-Dest</c> header, and standard for everything else).
/// </summary>
public sealed record FeedRequest(double? MaxFps, string? Client, MjpegPartStyle? Parts = null)
{
    public const double MinFps = 0.1;
    public const double MaxAllowedFps = 120;
    public const int MaxClientLength = 64;

    /// <summary>The part framing asked for, else eager for browsers (they send <c>Sec-Fetch-Dest</c>) and standard for the rest.</summary>
    public MjpegPartStyle StyleFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parts ?? (request.Headers.ContainsKey("Sec-Fetch-Dest") ? MjpegPartStyle.Eager : MjpegPartStyle.Standard);
    }

    /// <summary>Reads the query, or explains in one sentence what is wrong with it.</summary>
    public static bool TryParse(IQueryCollection query, out FeedRequest request, out string error)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = new FeedRequest(null, null);
        error = "";
        double? fps = null;
        if (query.TryGetValue("fps", out var fpsValues))
        {
            if (fpsValues.Count != 1
                || !double.TryParse(fpsValues[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !(value >= MinFps && value <= MaxAllowedFps))
            {
                error = $"Query parameter 'fps' must be one number from {MinFps} to {MaxAllowedFps}.";
                return false;
            }

            fps = value;
        }

        string? client = null;
        if (query.TryGetValue("client", out var clientValues))
        {
            client = clientValues.Count == 1 ? clientValues[0]?.Trim() : null;
            if (string.IsNullOrEmpty(client) || client.Length > MaxClientLength || client.Any(char.IsControl))
            {
                error = $"Query parameter 'client' must be one name of 1 to {MaxClientLength} printable characters.";
                return false;
            }
        }

        MjpegPartStyle? parts = null;
        if (query.TryGetValue("parts", out var partsValues))
        {
            if (partsValues.Count != 1 || !Enum.TryParse<MjpegPartStyle>(partsValues[0], ignoreCase: true, out var style) || !Enum.IsDefined(style))
            {
                error = "Query parameter 'parts' must be 'standard' or 'eager'.";
                return false;
            }

            parts = style;
        }

        request = new FeedRequest(fps, client, parts);
        return true;
    }
}
