using System.Globalization;

namespace StreamingBench;

/// <summary>Command-line settings of one benchmark run.</summary>
internal sealed record BenchOptions
{
    public const string ImageSequence = "ImageSequence";
    public const string TestPattern = "TestPattern";

    public const string Usage = """
        StreamingBench: MJPEG load test of the Dashboard app (1280x720 at 30 fps) on loopback.

        By default it builds the server first (dotnet build -c Release src/Dashboard); with --no-build
        it expects src/Dashboard/bin/Release/net10.0/Dashboard.dll to exist already.
        The server runs as a child process with its own temporary content root (appsettings.json and
        a pre-rendered frame set); the load clients run in this process, on the same machine.

        Options:
          --clients 1,10,100,200   client counts; each runs once with fast clients only and, when
                                   there are 10 or more, once with a fraction of slow clients
          --duration 20            measurement window per scenario, seconds
          --warmup 5               warm-up before the window, seconds
          --slow-fraction 0.1      share of slow clients in the slow scenarios (0 skips them)
          --slow-rate-bytes 51200  read rate of a slow client, bytes per second
          --size 1280x720          frame size
          --fps 30                 camera frame rate
          --no-floor               skip the floor sender (run against the app only)
          --cycles 0               after the scenarios, this many connect/disconnect cycles against
                                   the app (half of them reset mid-frame), with RSS before and after
          --camera-kind ImageSequence|TestPattern
                                   ImageSequence: pre-encoded JPEGs passed through (per-delivery cost);
                                   TestPattern: live 1280x720@30 pattern, the server encodes every frame
          --port 0                 server port (default: a free one)
          --auth user:password     sign in as this user (default: the admin the bench's server is given)
          --output results.md      also write the results as markdown there
          --repo <path>            repository root (default: found above this program)
          --no-build               do not build the server
          --relay 16               relay mode: an edge dashboard with this many passed-through cameras and a
                                   hub showing them (Http cameras on the edge's feeds, as a linked remote
                                   dashboard's are), against the hub with as many local cameras on the same
                                   frames; --clients viewers spread over the cameras (the first count only)
          --rounds 1               relay mode: measure the two hubs this many times, alternately (both run
                                   throughout), and report the median ratio
          --help                   this text
        """;

    public IReadOnlyList<int> Clients { get; init; } = [1, 10, 100, 200];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public double SlowFraction { get; init; } = 0.1;

    public int SlowRateBytes { get; init; } = 51200;

    public string CameraKind { get; init; } = ImageSequence;

    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 720;

    public double Fps { get; init; } = 30;

    /// <summary>Also run every scenario against the floor sender (<see cref="FloorServer"/>), right after the app.</summary>
    public bool Floor { get; init; } = true;

    public int Cycles { get; init; }

    public int Port { get; init; }

    public string? Auth { get; init; }

    public string? Output { get; init; }

    public string? RepoRoot { get; init; }

    public bool NoBuild { get; init; }

    public bool ShowHelp { get; init; }

    /// <summary>Relay mode: a hub showing this many cameras of an edge, against the same number of local cameras.</summary>
    public int Relay { get; init; }

    /// <summary>Relay mode: how many times the local and the relaying hub are measured, one after the other.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Slow clients in the slow variant of a scenario with <paramref name="clients"/> clients (0: no slow variant).</summary>
    public int SlowClientsFor(int clients) =>
        clients < 10 || SlowFraction <= 0 ? 0 : Math.Clamp((int)Math.Round(clients * SlowFraction), 1, clients);

    public static bool TryParse(IReadOnlyList<string> args, out BenchOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new BenchOptions();
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            if (name is "--help" or "-h")
            {
                options = options with { ShowHelp = true };
                continue;
            }

            if (name == "--no-build")
            {
                options = options with { NoBuild = true };
                continue;
            }

            if (name == "--no-floor")
            {
                options = options with { Floor = false };
                continue;
            }

            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                error = $"Option {name} needs a value.";
                return false;
            }

            BenchOptions? parsed = name switch
            {
                "--clients" => ParseClients(value) is { } clients ? options with { Clients = clients } : null,
                "--duration" => Seconds(value) is { } duration ? options with { Duration = duration } : null,
                "--warmup" => Seconds(value, allowZero: true) is { } warmup ? options with { Warmup = warmup } : null,
                "--slow-fraction" => Number(value) is >= 0 and <= 1 and var fraction ? options with { SlowFraction = fraction } : null,
                "--slow-rate-bytes" => Integer(value) is > 0 and var rate ? options with { SlowRateBytes = rate } : null,
                "--size" => Size(value) is { } size ? options with { Width = size.Width, Height = size.Height } : null,
                "--fps" => Number(value) is > 0 and <= 120 and var fps ? options with { Fps = fps } : null,
                "--cycles" => Integer(value) is >= 0 and var cycles ? options with { Cycles = cycles } : null,
                "--camera-kind" => CameraKindOf(value) is { } kind ? options with { CameraKind = kind } : null,
                "--port" => Integer(value) is >= 0 and <= 65535 and var port ? options with { Port = port } : null,
                "--auth" => value.Contains(':', StringComparison.Ordinal) ? options with { Auth = value } : null,
                "--output" => options with { Output = value },
                "--repo" => options with { RepoRoot = value },
                "--relay" => Integer(value) is > 0 and <= 64 and var relay ? options with { Relay = relay } : null,
                "--rounds" => Integer(value) is > 0 and <= 20 and var rounds ? options with { Rounds = rounds } : null,
                _ => null,
            };
            if (parsed is null)
            {
                error = name.StartsWith("--", StringComparison.Ordinal) && IsKnown(name)
                    ? $"Option {name} has a bad value '{value}'."
                    : $"Unknown option '{args[i]}'.";
                return false;
            }

            options = parsed;
        }

        return true;
    }

    private static bool IsKnown(string name) => name is "--clients" or "--duration" or "--warmup" or "--slow-fraction"
        or "--slow-rate-bytes" or "--camera-kind" or "--port" or "--auth" or "--output" or "--repo" or "--size" or "--fps" or "--cycles" or "--relay" or "--rounds";

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static int[]? ParseClients(string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var counts = parts.Select(Integer).ToArray();
        return counts.Length > 0 && counts.All(c => c is > 0 and <= 10_000) ? [.. counts.Select(c => c!.Value)] : null;
    }

    private static (int Width, int Height)? Size(string value) =>
        value.Split('x') is [var w, var h] && Integer(w) is >= 64 and <= 3840 and var width && Integer(h) is >= 64 and <= 2160 and var height
            ? (width, height)
            : null;

    private static TimeSpan? Seconds(string value, bool allowZero = false) =>
        Number(value) is { } s && (s > 0 || (allowZero && s == 0)) && s <= 3600 ? TimeSpan.FromSeconds(s) : null;

    private static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? Integer(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? CameraKindOf(string value) =>
        string.Equals(value, ImageSequence, StringComparison.OrdinalIgnoreCase) ? ImageSequence
        : string.Equals(value, TestPattern, StringComparison.OrdinalIgnoreCase) ? TestPattern
        : null;
}
