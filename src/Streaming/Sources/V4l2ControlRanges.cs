using System.Globalization;
using System.Text.RegularExpressions;

namespace Streaming.Sources;

/// <summary>
/// Ranges of a V4L2 device's controls, read with <c>v4l2-ctl --list-ctrls</c> when v4l-utils is installed
/// (OpenCV can set a control but cannot tell its range).
/// </summary>
public static partial class V4l2ControlRanges
{
    /// <summary>V4L2's own control names for each property name used here (kernels renamed some).</summary>
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["exposure"] = ["exposure_time_absolute", "exposure_absolute"],
        ["auto_exposure"] = ["auto_exposure", "exposure_auto"],
        ["focus"] = ["focus_absolute"],
        ["autofocus"] = ["focus_automatic_continuous", "focus_auto"],
        ["white_balance"] = ["white_balance_temperature"],
        ["auto_white_balance"] = ["white_balance_automatic", "white_balance_temperature_auto"],
        ["zoom"] = ["zoom_absolute"],
    };

    public sealed record Range(double Min, double Max, double Step);

    /// <summary>Ranges by property name for /dev/video<paramref name="device"/>; empty when v4l2-ctl is missing or fails.</summary>
    public static async Task<IReadOnlyDictionary<string, Range>> ReadAsync(int device, CancellationToken cancellationToken)
    {
        var output = await V4l2Ctl.ListAsync(device, "--list-ctrls", cancellationToken);
        return output is null ? new Dictionary<string, Range>() : Parse(output);
    }

    /// <summary>Reads <c>v4l2-ctl --list-ctrls</c> output into ranges keyed by this project's property names.</summary>
    public static IReadOnlyDictionary<string, Range> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var byV4l2Name = new Dictionary<string, Range>(StringComparer.OrdinalIgnoreCase);
        foreach (Match line in ControlLine().Matches(output))
        {
            var type = line.Groups["type"].Value;
            var fields = line.Groups["fields"].Value;
            var min = type == "bool" ? 0 : Field(fields, "min");
            var max = type == "bool" ? 1 : Field(fields, "max");
            if (min is { } lo && max is { } hi)
            {
                byV4l2Name[line.Groups["name"].Value] = new Range(lo, hi, Field(fields, "step") ?? 1);
            }
        }

        var ranges = new Dictionary<string, Range>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in DeviceProperty.KnownNames)
        {
            var candidates = Aliases.TryGetValue(name, out var aliases) ? aliases : [name];
            if (candidates.Select(c => byV4l2Name.GetValueOrDefault(c)).FirstOrDefault(r => r is not null) is { } range)
            {
                ranges[name] = range;
            }
        }

        return ranges;
    }

    private static double? Field(string fields, string key)
    {
        var match = Regex.Match(fields, $@"\b{key}=(-?\d+)");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^\s*(?<name>[a-z0-9_]+)\s+0x[0-9a-f]+\s+\((?<type>\w+)\)\s*:(?<fields>.*)$", RegexOptions.Multiline)]
    private static partial Regex ControlLine();
}
