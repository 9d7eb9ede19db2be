using System.Globalization;

namespace CaptureBench;

/// <summary>Command-line settings of a capture-cost run.</summary>
internal sealed record CaptureOptions(int Windows, TimeSpan Window, IReadOnlyList<string> Kinds, bool Alone, string? Output, bool NoBuild, string? Repo = null, string? Against = null)
{
    public static readonly IReadOnlyList<string> AllKinds = ["ImageSequence", "Command", "Http", "OpenCv", "TestPattern"];

    public const string Usage = """
        CaptureBench: server CPU per captured frame at one viewer, per camera kind (1280x720 MJPEG at 30 fps),
        against a minimal MJPEG sender (the floor) measured in the same windows.
          --windows 6      measurement windows per camera (the table shows the median and the spread)
          --window 10      seconds per window (CPU comes in 10-ms ticks: 30 s windows read 0.011 ms/frame finer than 10 s)
          --kinds A,B      only these kinds (ImageSequence, Command, Http, OpenCv, TestPattern; default all)
          --no-alone       skip the "capture alone" pass (each camera AlwaysOn in a fresh server, nobody watching)
          --output FILE    also write the table as markdown
          --no-build       use the existing Release build of src/Dashboard
          --repo PATH      measure the Release build in another checkout instead (built there already, never
                           built by the bench), e.g. main before a change, for a before/after in one sitting
          --against PATH   measure this build and the Release build in PATH side by side: both servers run at once,
                           each camera gets one viewer on both in the same windows (the fairest before/after on a
                           busy machine); implies --no-alone
        """;

    public static CaptureOptions? Parse(string[] args)
    {
        var options = new CaptureOptions(6, TimeSpan.FromSeconds(10), AllKinds, true, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--windows" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100:
                    options = options with { Windows = n };
                    i++;
                    break;
                case "--window" when double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 600:
                    options = options with { Window = TimeSpan.FromSeconds(s) };
                    i++;
                    break;
                case "--kinds" when value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } kinds
                    && kinds.All(k => AllKinds.Contains(k, StringComparer.OrdinalIgnoreCase)):
                    options = options with { Kinds = [.. AllKinds.Where(k => kinds.Contains(k, StringComparer.OrdinalIgnoreCase))] };
                    i++;
                    break;
                case "--no-alone":
                    options = options with { Alone = false };
                    break;
                case "--output" when value is not null:
                    options = options with { Output = value };
                    i++;
                    break;
                case "--no-build":
                    options = options with { NoBuild = true };
                    break;
                case "--against" when Directory.Exists(value):
                    options = options with { Against = Path.GetFullPath(value), Alone = false };
                    i++;
                    break;
                case "--repo" when Directory.Exists(value):
                    options = options with { Repo = Path.GetFullPath(value) };
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
