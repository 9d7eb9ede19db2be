using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace StreamingBench;

/// <summary>Everything about a run that is not a scenario row: machine, frames, settings, idle figures.</summary>
internal sealed record RunContext(BenchOptions Options, FrameSet Frames, long IdleRssBytes, double IdleCpuPercent, CycleResult? Cycles = null);

/// <summary>Turns the results into the console tables and the markdown file.</summary>
internal static class Report
{
    public static string ContextLines(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        var frames = context.Frames;
        var camera = options.CameraKind == BenchOptions.TestPattern
            ? Invariant($"TestPattern {options.Width}x{options.Height}@{options.Fps}, encoded by the server at JPEG quality {frames.Quality}")
            : Invariant($"ImageSequence {options.Width}x{options.Height}@{options.Fps} passthrough of {frames.Count} pre-encoded JPEGs");
        var text = new StringBuilder();
        text.AppendLine(Invariant($"- Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}; clock ticks {ProcessMeter.ClockTicksPerSecond}/s"));
        text.AppendLine("- The load clients run in the bench process on the same machine, sharing its cores with the server (see Bench CPU %).");
        text.AppendLine($"- Camera: {camera}");
        var frameSource = options.CameraKind == BenchOptions.TestPattern ? "Bench-rendered frames (quality tuning only)" : "Frames";
        text.AppendLine(Invariant($"- {frameSource}: quality {frames.Quality}, average {frames.AverageBytes / 1024:0.0} KB (min {frames.MinBytes / 1024.0:0.0}, max {frames.MaxBytes / 1024.0:0.0}; KB = 1024 bytes)"));
        text.AppendLine(Invariant($"- Window {options.Duration.TotalSeconds:0} s after {options.Warmup.TotalSeconds:0} s warm-up; slow clients: {options.SlowFraction:P0} reading {options.SlowRateBytes / 1024.0:0.#} KB/s with SO_RCVBUF {MjpegClient.SlowReceiveBufferBytes / 1024} KB (kernel reports {MjpegClient.EffectiveSlowReceiveBuffer() / 1024} KB)"));
        text.AppendLine(Invariant($"- Server RSS at start (idle): {context.IdleRssBytes / 1048576.0:0.0} MB; idle CPU after the idle timeout: {Format(context.IdleCpuPercent, 2)} % of one core"));
        return text.ToString();
    }

    public static TextTable MainTable(IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var baseline = Baseline(results);
        var table = new TextTable(
            "Server", "Scenario", "Fast fps min", "Fast fps median", "Delivered fps", "Server CPU %", "CPU ms/frame", "Net ms/frame",
            "Latency p50 ms", "Latency p99 ms", "RSS base MB", "RSS end MB", "RSS KB/client", "Part errors", "Failed clients", "Bench CPU %");
        foreach (var r in results)
        {
            table.Add(
                r.Server,
                r.Name,
                Format(r.FastFpsMin, 2),
                Format(r.FastFpsMedian, 2),
                Format(r.DeliveredFps, 1),
                Format(r.ServerCpuPercent, 1),
                Format(r.CpuMsPerFrame, 4),
                Format(r.Server == "app" ? NetMsPerFrame(r, baseline) : double.NaN, 4),
                Format(r.LatencyP50Ms, 2),
                Format(r.LatencyP99Ms, 2),
                Format(r.RssBaselineBytes / 1048576.0, 1),
                Format(r.RssEndBytes / 1048576.0, 1),
                Format(r.RssPerClientBytes / 1024, 1),
                r.PartErrors.ToString(CultureInfo.InvariantCulture),
                r.FailedClients.ToString(CultureInfo.InvariantCulture),
                Format(r.BenchCpuPercent, 1));
        }

        return table;
    }

    public static TextTable SlowTable(IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var table = new TextTable(
            "Server", "Scenario", "Slow fps median", "Slow KB/s", "Slow age p50 s", "Slow age p99 s",
            "Age p99 1st half s", "Age p99 2nd half s", "Fast fps median change vs no slow %");
        foreach (var r in results.Where(r => r.SlowClients > 0))
        {
            var reference = results.FirstOrDefault(f => f.SlowClients == 0 && f.Clients == r.Clients && f.Server == r.Server);
            var change = reference is null ? double.NaN : (r.FastFpsMedian / reference.FastFpsMedian - 1) * 100;
            table.Add(
                r.Server,
                r.Name,
                Format(r.SlowFpsMedian, 2),
                Format(r.SlowBytesPerSecondMedian / 1024, 1),
                Format(r.SlowAgeP50Seconds, 2),
                Format(r.SlowAgeP99Seconds, 2),
                Format(r.SlowAgeP99FirstHalfSeconds, 2),
                Format(r.SlowAgeP99SecondHalfSeconds, 2),
                double.IsNaN(change) ? "-" : change.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture));
        }

        return table;
    }

    /// <summary>The app against the floor sender, scenario by scenario (each pair ran one after the other).</summary>
    public static TextTable FloorTable(IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var table = new TextTable(
            "Scenario", "App CPU ms/frame", "Floor CPU ms/frame", "App / floor", "App p50 / p99 ms", "Floor p50 / p99 ms",
            "App RSS KB/client", "Floor RSS KB/client", "App fps min", "Floor fps min", "App failed", "Floor failed");
        foreach (var app in results.Where(r => r.Server == "app"))
        {
            if (results.FirstOrDefault(f => f.Server == "floor" && f.Clients == app.Clients && f.SlowClients == app.SlowClients) is not { } floor)
            {
                continue;
            }

            table.Add(
                app.Name,
                Format(app.CpuMsPerFrame, 4),
                Format(floor.CpuMsPerFrame, 4),
                Format(app.CpuMsPerFrame / floor.CpuMsPerFrame, 2),
                Invariant($"{Format(app.LatencyP50Ms, 1)} / {Format(app.LatencyP99Ms, 1)}"),
                Invariant($"{Format(floor.LatencyP50Ms, 1)} / {Format(floor.LatencyP99Ms, 1)}"),
                Format(app.RssPerClientBytes / 1024, 1),
                Format(floor.RssPerClientBytes / 1024, 1),
                Format(app.FastFpsMin, 2),
                Format(floor.FastFpsMin, 2),
                app.FailedClients.ToString(CultureInfo.InvariantCulture),
                floor.FailedClients.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    public static string CyclesLine(CycleResult cycles)
    {
        ArgumentNullException.ThrowIfNull(cycles);
        return Invariant($"- {cycles.Cycles} connect/disconnect cycles (half reset mid-frame) in {cycles.Elapsed.TotalSeconds:0} s: {cycles.Failures} failed; server RSS {cycles.RssStartBytes / 1048576.0:0.0} MB before, {cycles.RssEndBytes / 1048576.0:0.0} MB after ({cycles.RssChangePercent:+0.0;-0.0} %)");
    }

    /// <summary>The 1-client run: its CPU is essentially the capture cost (read + publish 30 frames a second).</summary>
    public static string BaselineLine(IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Baseline(results) is { } b
            ? Invariant($"- Baseline capture cost (1 client): {b.ServerCpuPercent:0.00} % of one core = {b.ServerCpuMilliseconds / b.WindowSeconds:0.0} CPU-ms/s. Net ms/frame = (server CPU - this baseline) / delivered frames.")
            : "- No 1-client run, so no baseline capture cost (Net ms/frame is empty).";
    }

    public static string Markdown(RunContext context, IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"## StreamingBench {DateTimeOffset.Now:yyyy-MM-dd HH:mm}"));
        text.AppendLine();
        text.Append(ContextLines(context));
        text.AppendLine(BaselineLine(results));
        text.AppendLine();
        text.Append(MainTable(results).ToMarkdown());
        if (results.Any(r => r.SlowClients > 0))
        {
            text.AppendLine();
            text.Append(SlowTable(results).ToMarkdown());
        }

        if (results.Any(r => r.Server == "floor"))
        {
            text.AppendLine();
            text.Append(FloorTable(results).ToMarkdown());
        }

        if (context.Cycles is { } cycles)
        {
            text.AppendLine();
            text.AppendLine(CyclesLine(cycles));
        }

        return text.ToString();
    }

    private static ScenarioResult? Baseline(IReadOnlyList<ScenarioResult> results) =>
        results.FirstOrDefault(r => r.Clients == 1 && r.SlowClients == 0 && r.Server == "app");

    private static double NetMsPerFrame(ScenarioResult r, ScenarioResult? baseline) =>
        baseline is null || r.DeliveredFrames == 0
            ? double.NaN
            : (r.ServerCpuMilliseconds - baseline.ServerCpuMilliseconds / baseline.WindowSeconds * r.WindowSeconds) / r.DeliveredFrames;

    private static string Format(double value, int decimals) =>
        double.IsNaN(value) ? "-" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
