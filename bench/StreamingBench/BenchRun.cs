using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace StreamingBench;

/// <summary>The whole run: build and start the server, run every scenario, measure idle, report.</summary>
internal static class BenchRun
{
    private const int FrameCount = 30;
    private const int TargetFrameBytes = 107 * 1024;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleMeasurement = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var repoRoot = options.RepoRoot ?? FindRepoRoot();
        if (!options.NoBuild)
        {
            Console.WriteLine("Building the server (dotnet build -c Release src/Dashboard)...");
            await ServerProcess.BuildAsync(repoRoot, cancellationToken);
        }

        using var contentRoot = ServerContentRoot.Create();
        var frames = FrameSetRenderer.Render(contentRoot.FramesFolder, FrameCount, TargetFrameBytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rendered {frames.Count} frames 1280x720 at JPEG quality {frames.Quality}: average {frames.AverageBytes / 1024:0.0} KB."));
        contentRoot.WriteSettings(options.CameraKind, frames.Quality);

        var credentials = options.Auth ?? $"{ServerContentRoot.BenchUser}:{ServerContentRoot.BenchPassword}";
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var server = ServerProcess.Start(repoRoot, contentRoot.Path, options.Port);
        Console.WriteLine($"Server pid {server.Id} on {server.BaseAddress} (content root {contentRoot.Path}).");
        await server.WaitReadyAsync(basic, ReadyTimeout, cancellationToken);

        var runner = new ScenarioRunner(options, server, basic.ToString());
        var idleRss = runner.ServerMeter.ReadRssBytes();
        var results = new List<ScenarioResult>();
        foreach (var clients in options.Clients)
        {
            results.Add(await RunScenarioAsync(runner, clients, 0, cancellationToken));
            if (options.SlowClientsFor(clients) is > 0 and var slow)
            {
                results.Add(await RunScenarioAsync(runner, clients, slow, cancellationToken));
            }
        }

        Console.WriteLine($"Idle: waiting {(ServerContentRoot.IdleTimeout + TimeSpan.FromSeconds(2)).TotalSeconds:0} s, then measuring server CPU for {IdleMeasurement.TotalSeconds:0} s...");
        await Task.Delay(ServerContentRoot.IdleTimeout + TimeSpan.FromSeconds(2), cancellationToken);
        var idleCpu = await runner.MeasureIdleCpuAsync(IdleMeasurement, cancellationToken);

        var context = new RunContext(options, frames, idleRss, idleCpu);
        Print(context, results);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, Report.Markdown(context, results), cancellationToken);
            Console.WriteLine($"Markdown written to {Path.GetFullPath(output)}");
        }

        return 0;
    }

    private static async Task<ScenarioResult> RunScenarioAsync(ScenarioRunner runner, int clients, int slow, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(clients, slow, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Name,-22} fast fps min {result.FastFpsMin:0.00} median {result.FastFpsMedian:0.00}, server CPU {result.ServerCpuPercent:0.0} %, {result.CpuMsPerFrame:0.0000} ms/frame, p99 {result.LatencyP99Ms:0.0} ms, bench CPU {result.BenchCpuPercent:0} %"));

        // Everyone is gone; let the camera go idle so the next baseline starts from the same place.
        await Task.Delay(ServerContentRoot.IdleTimeout + TimeSpan.FromSeconds(1), cancellationToken);
        return result;
    }

    private static void Print(RunContext context, List<ScenarioResult> results)
    {
        Console.WriteLine();
        Console.Write(Report.ContextLines(context));
        Console.WriteLine(Report.BaselineLine(results));
        Console.WriteLine();
        Console.Write(Report.MainTable(results).ToConsole());
        if (results.Any(r => r.SlowClients > 0))
        {
            Console.WriteLine();
            Console.Write(Report.SlowTable(results).ToConsole());
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Dashboard.sln not found above this program; pass --repo <path>.");
    }
}
