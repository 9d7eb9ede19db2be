using System.Globalization;
using System.Text;
using Tests.Support;
using TileBench;

// Live tiles in headless Chromium against the real dashboard: delivered fps per tile, frame age, CPU and
// UI responsiveness for each tile count. See docs/benchmarks.md ("Dashboard tiles").
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var signals = ChildProcesses.KillOnSignals();
var dashboard = options.Build
    ? await DashboardServer.PublishAsync(RepositoryRoot.Find())
    : Path.Combine(Path.GetTempPath(), "tile-bench-dashboard", "Dashboard.dll");

var results = new List<RunResult>();
foreach (var tiles in options.Tiles)
{
    for (var run = 0; run < options.Repeat; run++)
    {
        Console.Error.WriteLine($"{tiles} tiles ...");
        var result = await TileRun.RunAsync(dashboard, options, tiles);
        results.Add(result);
        Console.Error.WriteLine($"  fps min {result.FpsMin:F1}, median {result.FpsMedian:F1}; server CPU {result.ServerCpu:F0} %; click {result.ClickMedianMs:F0} ms");
    }
}

var report = new StringBuilder();
var inv = CultureInfo.InvariantCulture;
report.AppendLine(inv, $"- Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; Chromium headless (software rendering) driven over a bare CDP connection, server and browser on the same machine");
report.AppendLine("- CPU % is of one core (the machine has 200 %); Machine busy % is of all cores; Others = machine minus server, Chromium and the bench (other work on the machine)");
report.AppendLine(inv, $"- Cameras: TestPattern {options.Width}x{options.Height}@{options.Fps}; preview cap {(options.PreviewMaxFps is { } cap ? cap.ToString(inv) : "default (10)")} fps; window {options.Seconds} s after {options.Warmup} s warm-up; {options.Clicks} clicks per run");
report.AppendLine();
report.AppendLine("| Tiles | Tile fps min | Tile fps median | Frame age mean ms | Frame age p95 ms | Server CPU % | Chromium CPU % | Machine busy % | Others CPU % | Click → menu median ms | Click → menu max ms |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    report.AppendLine(inv, $"| {r.Tiles} | {r.FpsMin:F1} | {r.FpsMedian:F1} | {r.AgeMeanMs:F0} | {r.AgeP95Ms:F0} | {r.ServerCpu:F0} | {r.BrowserCpu:F0} | {r.MachineBusy:F0} | {r.OtherCpu:F0} | {Ms(r.ClickMedianMs)} | {Ms(r.ClickMaxMs)} |");
}

if (options.Repeat > 1)
{
    report.AppendLine();
    report.AppendLine(inv, $"Median of the {options.Repeat} runs of each tile count:");
    report.AppendLine();
    report.AppendLine("| Tiles | Tile fps min | Tile fps median | Frame age mean ms | Server CPU % | Chromium CPU % | Others CPU % | Click → menu median ms |");
    report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var group in results.GroupBy(r => r.Tiles))
    {
        double M(Func<RunResult, double> value)
        {
            var sorted = group.Select(value).Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        report.AppendLine(inv, $"| {group.Key} | {M(r => r.FpsMin):F1} | {M(r => r.FpsMedian):F1} | {M(r => r.AgeMeanMs):F0} | {M(r => r.ServerCpu):F0} | {M(r => r.BrowserCpu):F0} | {M(r => r.OtherCpu):F0} | {Ms(M(r => r.ClickMedianMs))} |");
    }
}

Console.WriteLine(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report.ToString());
}

foreach (var signal in signals)
{
    signal.Dispose();
}

return 0;

static string Ms(double value) => double.IsPositiveInfinity(value) ? "no answer in 15 s" : value.ToString("F0", CultureInfo.InvariantCulture);
