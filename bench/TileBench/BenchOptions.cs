using System.Globalization;

namespace TileBench;

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/TileBench -- [options]
          --tiles LIST          tile counts, default 4,9,16,25
          --width N --height N  camera size (default 1280x720)
          --fps N               camera rate (default 15)
          --preview-max-fps N   Streaming:PreviewMaxFps for the server (default: the app's own, 10)
          --seconds N           measuring window per run (default 20)
          --warmup N            seconds of streaming before the window (default 5)
          --clicks N            UI round trips measured per run (default 10)
          --repeat N            runs per tile count (default 1)
          --no-build            reuse the app published by the previous run (in the temp folder)
          --output FILE         also write the markdown report to FILE
        """;

    public IReadOnlyList<int> Tiles { get; init; } = [4, 9, 16, 25];

    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 720;

    public double Fps { get; init; } = 15;

    public double? PreviewMaxFps { get; init; }

    public int Seconds { get; init; } = 20;

    public int Warmup { get; init; } = 5;

    public int Clicks { get; init; } = 10;

    public int Repeat { get; init; } = 1;

    public bool Build { get; init; } = true;

    public string? Output { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--tiles" => options with { Tiles = [.. Next().Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture))] },
                "--width" => options with { Width = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--height" => options with { Height = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--fps" => options with { Fps = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--preview-max-fps" => options with { PreviewMaxFps = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--clicks" => options with { Clicks = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--repeat" => options with { Repeat = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--no-build" => options with { Build = false },
                "--output" => options with { Output = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
