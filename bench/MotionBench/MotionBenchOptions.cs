using System.Globalization;

namespace MotionBench;

/// <summary>Command-line settings of a motion-cost run.</summary>
internal sealed record MotionBenchOptions(int Cameras, int Rounds, TimeSpan Window, double ChecksPerSecond, string? Output)
{
    public const string Usage = """
        MotionBench: CPU of motion detection per camera (1280x720 MJPEG at 15 fps, passed through).
          --cameras 4      cameras running in every arm
          --rounds 3       rounds of the three arms (no service, detection off, detection on)
          --window 10      seconds measured per arm and round
          --checks 5       checks per second per camera
          --output FILE    also write the table as markdown
        """;

    public static MotionBenchOptions? Parse(string[] args)
    {
        var options = new MotionBenchOptions(4, 3, TimeSpan.FromSeconds(10), 5, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--cameras" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 32:
                    options = options with { Cameras = n };
                    i++;
                    break;
                case "--rounds" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 20:
                    options = options with { Rounds = n };
                    i++;
                    break;
                case "--window" when double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 600:
                    options = options with { Window = TimeSpan.FromSeconds(s) };
                    i++;
                    break;
                case "--checks" when double.TryParse(value, CultureInfo.InvariantCulture, out var c) && c is >= 0.2 and <= 30:
                    options = options with { ChecksPerSecond = c };
                    i++;
                    break;
                case "--output" when value is not null:
                    options = options with { Output = value };
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
