using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Tests.Support;

namespace StreamingBench;

/// <summary>The whole run: build and start the server, run every scenario, measure idle, report.</summary>
internal static class BenchRun
{
    private const int FrameCount = 30;
    private const int TargetFrameBytes = 107 * 1024;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan IdleMeasurement = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var repoRoot = options.RepoRoot ?? RepositoryRoot.Find();
        if (!options.NoBuild)
        {
            Console.WriteLine("Building the server (dotnet build -c Release src/Dashboard)...");
            await ServerProcess.BuildAsync(repoRoot, cancellationToken);
        }

        using var contentRoot = ServerContentRoot.Create();
        // The same bytes per pixel as 107 KB at 1280x720.
        var targetBytes = (int)(TargetFrameBytes * (options.Width * (double)options.Height) / (1280 * 720));
        var frames = FrameSetRenderer.Render(contentRoot.FramesFolder, FrameCount, targetBytes, options.Width, options.Height, options.Fps);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rendered {frames.Count} frames {options.Width}x{options.Height} at JPEG quality {frames.Quality}: average {frames.AverageBytes / 1024:0.0} KB."));
        contentRoot.WriteSettings(options, frames.Quality);

        var credentials = options.Auth ?? $"{ServerContentRoot.BenchUser}:{ServerContentRoot.BenchPassword}";
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var server = ServerProcess.Start(repoRoot, contentRoot.Path, options.Port);
        Console.WriteLine($"Server pid {server.Id} on {server.Address} (content root {contentRoot.Path}).");
        await server.WaitReadyAsync(basic, ReadyTimeout, cancellationToken);

        using var floor = options.Floor ? ServerProcess.StartFloor(contentRoot.FramesFolder, options.Fps) : null;
        if (floor is not null)
        {
            Console.WriteLine($"Floor sender pid {floor.Id} on port {floor.Address!.Port}.");
            await floor.WaitForPortAsync(ReadyTimeout, cancellationToken);
        }

        var runner = new ScenarioRunner(options, server, basic.ToString());
        var floorRunner = floor is null ? null : new ScenarioRunner(options, floor, null, "floor");
        var idleRss = runner.ServerMeter.ReadRssBytes();
        var results = new List<ScenarioResult>();
        foreach (var clients in options.Clients)
        {
            // The floor right after the app, so both meet the same machine load.
            int[] slowCounts = options.SlowClientsFor(clients) is > 0 and var slow ? [0, slow] : [0];
            foreach (var slowClients in slowCounts)
            {
                results.Add(await RunScenarioAsync(runner, clients, slowClients, cancellationToken));
                if (floorRunner is not null)
                {
                    results.Add(await RunScenarioAsync(floorRunner, clients, slowClients, cancellationToken));
                }
            }
        }

        CycleResult? cycles = null;
        if (options.Cycles > 0)
        {
            Console.WriteLine($"{options.Cycles} connect/disconnect cycles against the app...");
            cycles = await CycleRunner.RunAsync(server, runner.ServerMeter, basic.ToString(), options.Cycles, cancellationToken);
        }

        Console.WriteLine($"Idle: waiting {(ServerContentRoot.IdleTimeout + TimeSpan.FromSeconds(2)).TotalSeconds:0} s, then measuring server CPU for {IdleMeasurement.TotalSeconds:0} s...");
        await Task.Delay(ServerContentRoot.IdleTimeout + TimeSpan.FromSeconds(2), cancellationToken);
        var idleCpu = await runner.MeasureIdleCpuAsync(IdleMeasurement, cancellationToken);

        var context = new RunContext(options, frames, idleRss, idleCpu, cycles);
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
            $"{result.Server,-5} {result.Name,-22} fast fps min {result.FastFpsMin:0.00} median {result.FastFpsMedian:0.00}, server CPU {result.ServerCpuPercent:0.0} %, {result.CpuMsPerFrame:0.0000} ms/frame, p99 {result.LatencyP99Ms:0.0} ms, bench CPU {result.BenchCpuPercent:0} %"));

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
        if (results.Any(r => r.Server == "floor"))
        {
            Console.WriteLine();
            Console.Write(Report.FloorTable(results).ToConsole());
        }

        if (context.Cycles is { } cycles)
        {
            Console.WriteLine();
            Console.WriteLine(Report.CyclesLine(cycles));
        }
        if (results.Any(r => r.SlowClients > 0))
        {
            Console.WriteLine();
            Console.Write(Report.SlowTable(results).ToConsole());
        }
    }
}
