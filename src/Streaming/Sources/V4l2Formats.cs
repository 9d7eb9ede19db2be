using System.Globalization;
using System.Text.RegularExpressions;

namespace Streaming.Sources;

/// <summary>A frame size a device offers, with the frame rates it offers at that size.</summary>
public sealed record CaptureMode(int Width, int Height, IReadOnlyList<double> Fps);

/// <summary>The sizes and rates a V4L2 device offers, read with <c>v4l2-ctl --list-formats-ext</c> when v4l-utils is installed.</summary>
public static partial class V4l2Formats
{
    public static async Task<IReadOnlyList<CaptureMode>> ReadAsync(int device, CancellationToken cancellationToken)
    {
        var output = await V4l2Ctl.ListAsync(device, "--list-formats-ext", cancellationToken);
        return output is null ? [] : Parse(output);
    }

    /// <summary>Sizes and rates of all pixel formats together (MJPEG is asked for, but the device may fall back), largest first.</summary>
    public static IReadOnlyList<CaptureMode> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var modes = new Dictionary<(int, int), SortedSet<double>>();
        SortedSet<double>? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (Size().Match(line) is { Success: true } size)
            {
                var key = (int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture));
                current = modes.TryGetValue(key, out var rates) ? rates : modes[key] = [];
            }
            else if (current is not null && Rate().Match(line) is { Success: true } rate)
            {
                current.Add(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        return [.. modes
            .OrderByDescending(m => m.Key.Item1 * m.Key.Item2)
            .Select(m => new CaptureMode(m.Key.Item1, m.Key.Item2, [.. m.Value.Reverse()]))];
    }

    [GeneratedRegex(@"Size:\s+Discrete\s+(\d+)x(\d+)")]
    private static partial Regex Size();

    [GeneratedRegex(@"Interval:\s+Discrete\s+[\d.]+s\s+\(([\d.]+) fps\)")]
    private static partial Regex Rate();
}
