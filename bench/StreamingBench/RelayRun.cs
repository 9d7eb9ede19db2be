using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Tests.Support;

namespace StreamingBench;

/// <summary>
/// A hub relaying an edge's cameras, against the hub's own cameras, in one run on the same frames. The edge is the app
/// with N passed-through ImageSequence cameras; the relaying hub is the app with N <c>Http</c> cameras on the edge's
/// feeds (what linking the edge as a remote dashboard makes, signed in with the bench's user instead of a token: the
/// sign-in happens once per stream); the local hub is the app with N ImageSequence cameras on the same frames. Viewers
/// read the hub, spread over the cameras. Figures: the hub's CPU per delivered frame (relaying ÷ local), the age of a
/// frame at the viewer (the edge's capture time to receive, through the hub), and how many streams the edge serves.
/// </summary>
internal static class RelayRun
{
    private const int FrameCount = 30;
    private const int TargetFrameBytes = 107 * 1024;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var repoRoot = options.RepoRoot ?? RepositoryRoot.Find();
        if (!options.NoBuild)
        {
            Console.WriteLine("Building the server (dotnet build -c Release src/Dashboard)...");
            await ServerProcess.BuildAsync(repoRoot, cancellationToken);
        }

        var viewers = options.Clients[0];
        var ids = Enumerable.Range(0, options.Relay).Select(i => string.Create(CultureInfo.InvariantCulture, $"cam{i}")).ToList();
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ServerContentRoot.BenchUser}:{ServerContentRoot.BenchPassword}")));

        using var edgeRoot = ServerContentRoot.Create();
        var targetBytes = (int)(TargetFrameBytes * (options.Width * (double)options.Height) / (1280 * 720));
        var frames = FrameSetRenderer.Render(edgeRoot.FramesFolder, FrameCount, targetBytes, options.Width, options.Height, options.Fps);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rendered {frames.Count} frames {options.Width}x{options.Height}: average {frames.AverageBytes / 1024:0.0} KB; {ids.Count} cameras at {options.Fps} fps, {viewers} viewers."));
        edgeRoot.WriteCameras([.. ids.Select(id => Local(id, edgeRoot.FramesFolder, options.Fps))], ids[0]);
        using var edge = ServerProcess.Start(repoRoot, edgeRoot.Path, 0);
        await edge.WaitReadyAsync(basic, ReadyTimeout, cancellationToken);
        Console.WriteLine($"Edge pid {edge.Id} on {edge.Address}.");

        // Both hubs run throughout and are measured alternately, round after round, so a change in the machine's load
        // meets both; the ratio is taken per round and its median reported.
        using var localRoot = ServerContentRoot.Create();
        localRoot.WriteCameras([.. ids.Select(id => Local(id, edgeRoot.FramesFolder, options.Fps))], ids[0]);
        using var localHub = await StartHubAsync("local", repoRoot, localRoot, basic, cancellationToken);
        using var relayRoot = ServerContentRoot.Create();
        relayRoot.WriteCameras([.. ids.Select(id => Relayed(id, edge.Address!, options.Fps))], ids[0]);
        using var relayHub = await StartHubAsync("relay", repoRoot, relayRoot, basic, cancellationToken);

        var lines = new List<string>
        {
            "| Round | Hub | CPU ms/frame | Delivered fps | Viewer fps min | Age p50 / p99 ms | Edge streams (max) | Part errors | Failed |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
        };
        var ratios = new List<double>();
        var relayP99 = new List<double>();
        var edgeStreams = 0;
        for (var round = 1; round <= options.Rounds; round++)
        {
            var local = await MeasureAsync("local", localHub, options, ids, basic, edge, cancellationToken);
            var relay = await MeasureAsync("relay", relayHub, options, ids, basic, edge, cancellationToken);
            ratios.Add(relay.Result.CpuMsPerFrame / local.Result.CpuMsPerFrame);
            relayP99.Add(relay.Result.LatencyP99Ms);
            edgeStreams = Math.Max(edgeStreams, relay.EdgeStreams);
            lines.Add(Row(round, local));
            lines.Add(Row(round, relay));
        }

        ratios.Sort();
        relayP99.Sort();
        lines.Add("");
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Relaying / local CPU per delivered frame: {ratios[ratios.Count / 2]:0.00} median over {ratios.Count} round(s) ({string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}; goal <= 1.2). Age through the hub p99: {relayP99[relayP99.Count / 2]:0.0} ms median (goal <= 20). Edge streams while relaying: {edgeStreams} for {ids.Count} cameras."));
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        if (options.Output is { } output)
        {
            await File.WriteAllLinesAsync(output, lines, cancellationToken);
        }

        return 0;
    }

    private static async Task<ChildApp> StartHubAsync(string name, string repoRoot, ServerContentRoot root, AuthenticationHeaderValue basic, CancellationToken cancellationToken)
    {
        var hub = ServerProcess.Start(repoRoot, root.Path, 0);
        await hub.WaitReadyAsync(basic, ReadyTimeout, cancellationToken);
        Console.WriteLine($"Hub ({name}) pid {hub.Id} on {hub.Address}.");
        return hub;
    }

    private static async Task<(string Name, ScenarioResult Result, int EdgeStreams)> MeasureAsync(
        string name, ChildApp hub, BenchOptions options, List<string> ids, AuthenticationHeaderValue basic, ChildApp edge, CancellationToken cancellationToken)
    {
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var streams = SampleEdgeStreamsAsync(edge, basic, sampling.Token);
        var result = await new ScenarioRunner(options with { SlowFraction = 0 }, hub, basic.ToString(), name, ids).RunAsync(options.Clients[0], 0, cancellationToken);
        await sampling.CancelAsync();
        return (name, result, await streams);
    }

    /// <summary>The most viewers the edge's cameras had at once (what the hub costs the edge), sampled every second.</summary>
    private static async Task<int> SampleEdgeStreamsAsync(ChildApp edge, AuthenticationHeaderValue basic, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = edge.Address! };
        http.DefaultRequestHeaders.Authorization = basic;
        var most = 0;
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                var cameras = await http.GetFromJsonAsync<List<EdgeCamera>>(new Uri("api/cameras", UriKind.Relative), cancellationToken) ?? [];
                most = Math.Max(most, cameras.Sum(c => c.SubscriberCount));
            }
        }
        catch (OperationCanceledException)
        {
            return most;
        }
    }

    private static object Local(string id, string folder, double fps) => new { Id = id, Kind = "ImageSequence", Folder = folder, Fps = fps };

    private static object Relayed(string id, Uri edge, double fps) => new
    {
        Id = id,
        Kind = "Http",
        Url = new Uri(edge, $"video_feed/{id}?client=hub").ToString(),
        UserName = ServerContentRoot.BenchUser,
        Password = ServerContentRoot.BenchPassword,
        Fps = fps,
    };

    private static string Row(int round, (string Name, ScenarioResult Result, int EdgeStreams) run) => string.Create(CultureInfo.InvariantCulture,
        $"| {round} | {run.Name} | {run.Result.CpuMsPerFrame:0.0000} | {run.Result.DeliveredFps:0} | {run.Result.FastFpsMin:0.00} | {run.Result.LatencyP50Ms:0.0} / {run.Result.LatencyP99Ms:0.0} | {run.EdgeStreams} | {run.Result.PartErrors} | {run.Result.FailedClients} |");

    private sealed record EdgeCamera(string Id, int SubscriberCount);
}
