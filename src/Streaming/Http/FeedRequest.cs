using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Streaming.Http;

/// <summary>The optional query parameters of a feed: <c>?fps=N</c> (rate cap) and <c>?client=name</c> (label in statistics).</summary>
public sealed record FeedRequest(double? MaxFps, string? Client)
{
    public const double MinFps = 0.1;
    public const double MaxAllowedFps = 120;
    public const int MaxClientLength = 64;

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

        request = new FeedRequest(fps, client);
        return true;
    }
}
