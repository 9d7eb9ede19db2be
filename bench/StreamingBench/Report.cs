using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace StreamingBench;

/// <summary>Everything about a run that is not a scenario row: machine, frames, settings, idle figures.</summary>
internal sealed record RunContext(BenchOptions Options, FrameSet Frames, long IdleRssBytes, double IdleCpuPercent);

/// <summary>Turns the results into the console tables and the markdown file.</summary>
internal static class Report
{
    public static string ContextLines(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        var frames = context.Frames;
        var camera = options.CameraKind == BenchOptions.TestPattern
            ? $"TestPattern 1280x720@30, encoded by the server at JPEG quality {frames.Quality}"
            : $"ImageSequence 1280x720@30 passthrough of {frames.Count} pre-encoded JPEGs";
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
            "Scenario", "Fast fps min", "Fast fps median", "Delivered fps", "Server CPU %", "CPU ms/frame", "Net ms/frame",
            "Latency p50 ms", "Latency p99 ms", "RSS base MB", "RSS end MB", "RSS KB/client", "Part errors", "Failed clients", "Bench CPU %");
        foreach (var r in results)
        {
            table.Add(
                r.Name,
                Format(r.FastFpsMin, 2),
                Format(r.FastFpsMedian, 2),
                Format(r.DeliveredFps, 1),
                Format(r.ServerCpuPercent, 1),
                Format(r.CpuMsPerFrame, 4),
                Format(NetMsPerFrame(r, baseline), 4),
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
            "Scenario", "Slow fps median", "Slow KB/s", "Slow age p50 s", "Slow age p99 s",
            "Age p99 1st half s", "Age p99 2nd half s", "Fast fps median change vs no slow %");
        foreach (var r in results.Where(r => r.SlowClients > 0))
        {
            var reference = results.FirstOrDefault(f => f.SlowClients == 0 && f.Clients == r.Clients);
            var change = reference is null ? double.NaN : (r.FastFpsMedian / reference.FastFpsMedian - 1) * 100;
            table.Add(
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

        return text.ToString();
    }

    private static ScenarioResult? Baseline(IReadOnlyList<ScenarioResult> results) =>
        results.FirstOrDefault(r => r.Clients == 1 && r.SlowClients == 0);

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
