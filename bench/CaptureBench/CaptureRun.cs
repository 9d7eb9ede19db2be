using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StreamingBench;
using Tests.Support;

namespace CaptureBench;

/// <summary>The dashboard as a child process, a client signed in as the bench's admin, and its CPU meter.</summary>
internal sealed record BenchServer(ChildApp Process, HttpClient Http, ProcessMeter Meter) : IDisposable
{
    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}

/// <summary>
/// Starts the floor sender and the dashboard with one camera of each kind on the same material (30 pre-rendered
/// 1280x720 JPEGs, ~107 KB): the files, ffmpeg writing them to stdout, an HTTP MJPEG stream (the floor sender), an
/// MJPEG .avi, and the drawn pattern. First the floor gets one viewer (the bench), then, one camera at a time, the
/// dashboard does; each scenario reads the process's CPU time, its threads' context switches and the frames over
/// several windows. Then each camera runs alone with nobody watching (AlwaysOn), which separates the capture's cost
/// from the feed's.
/// </summary>
internal static class CaptureRun
{
    private const int FrameCount = 30;
    private const int TargetFrameBytes = 107 * 1024;
    private const int FrameWidth = 1280;
    private const int FrameHeight = 720;
    private const string User = "bench";
    internal static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);

    // A freshly started server is still compiling its hot paths (tiered JIT) for the first 20 s or so.
    internal static readonly TimeSpan FreshServerWarmup = TimeSpan.FromSeconds(20);
    internal static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WarmUpLap = TimeSpan.FromSeconds(10);

    private const double Fps = 30;

    // The .avi is played by the app itself, the same frames in Matroska go through OpenCV's FFmpeg backend.
    internal static readonly (string Id, string Kind, string Label)[] Cameras =
    [
        ("seq", "ImageSequence", "ImageSequence"), ("cmd", "Command", "Command"), ("http", "Http", "Http"),
        ("avi", "OpenCv", "OpenCv .avi"), ("mkv", "OpenCv", "OpenCv .mkv"), ("pattern", "TestPattern", "TestPattern"),
    ];

    public static async Task<string> RunAsync(CaptureOptions options, CancellationToken cancellationToken)
    {
        var repo = options.Repo ?? RepositoryRoot.Find();
        if (!options.NoBuild && options.Repo is null)
        {
            Console.WriteLine("Building src/Dashboard (Release)...");
            await ServerProcess.BuildAsync(repo, cancellationToken);
        }

        var root = Directory.CreateTempSubdirectory("capture-bench-").FullName;
        try
        {
            var frames = Path.Combine(root, "frames");
            Directory.CreateDirectory(frames);
            var set = FrameSetRenderer.Render(frames, FrameCount, TargetFrameBytes, FrameWidth, FrameHeight, 30);
            var clip = Path.Combine(root, "clip.avi");
            await RunFfmpegAsync(["-loglevel", "error", "-y", "-framerate", "30", "-i", Path.Combine(frames, "frame-%03d.jpg"), "-c:v", "copy", clip], cancellationToken);
            await RunFfmpegAsync(["-loglevel", "error", "-y", "-i", clip, "-c:v", "copy", Path.ChangeExtension(clip, ".mkv")], cancellationToken);
            var password = $"Bench-{Guid.NewGuid():N}";
            var cameras = Cameras.Where(c => options.Kinds.Contains(c.Kind)).ToArray();
            using var floorServer = ServerProcess.StartFloor(frames, Fps);
            await floorServer.WaitForPortAsync(TimeSpan.FromSeconds(30), cancellationToken);
            var remote = new Uri(floorServer.Address!, "cam.mjpg");
            var floor = await MeasureFloorAsync(floorServer, options, cancellationToken);
            CaptureReport.Print("one viewer", floor);
            var cServer = await CServerRun.MeasureAsync(clip, options, cancellationToken);
            CaptureReport.Print("one viewer", cServer);
            if (options.Against is { } against)
            {
                var material = new CompareRun.Material(root, frames, clip, remote, set, password);
                return await CompareRun.RunAsync(options, repo, against, material, cameras, floor, cServer, cancellationToken);
            }

            WriteSettings(root, frames, clip, remote, set.Quality, password, cameras, alwaysOn: null);
            double idlePercent;
            var results = new List<CameraCost>();
            using (var server = await StartAsync(repo, root, password, cancellationToken))
            {
                await Task.Delay(FreshServerWarmup, cancellationToken);
                idlePercent = await MeasureIdleAsync(server.Meter, options.Window, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Idle server: {idlePercent:0.00} % of one core"));

                // A lap over every camera first: each kind's code is compiled and tiered up before any is measured, so the
                // first camera's first windows do not pay for it.
                foreach (var (id, _, _) in cameras)
                {
                    await WarmUpAsync(server, id, cancellationToken);
                }

                foreach (var (id, _, label) in cameras)
                {
                    var cost = await MeasureCameraAsync(server, id, label, viewer: true, options, cancellationToken);
                    CaptureReport.Print("one viewer", cost);
                    results.Add(cost);
                    await Task.Delay(IdleTimeout + TimeSpan.FromSeconds(2), cancellationToken);
                }
            }

            // The same cameras with nobody watching (AlwaysOn, one server each): what capture alone costs.
            var alone = new List<CameraCost>();
            foreach (var (id, _, label) in options.Alone ? cameras : [])
            {
                WriteSettings(root, frames, clip, remote, set.Quality, password, cameras, alwaysOn: id);
                using var server = await StartAsync(repo, root, password, cancellationToken);
                await Task.Delay(FreshServerWarmup, cancellationToken);
                var cost = await MeasureCameraAsync(server, id, label, viewer: false, options, cancellationToken);
                CaptureReport.Print("no viewer", cost);
                alone.Add(cost);
            }

            return CaptureReport.Markdown(floor, cServer, results, alone, set, idlePercent, options, Warmup, FreshServerWarmup);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The floor sender with the bench as its one viewer: its CPU and switches per frame received.</summary>
    internal static async Task<CameraCost> MeasureFloorAsync(ChildApp floor, CaptureOptions options, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = floor.Address, Timeout = Timeout.InfiniteTimeSpan };
        using var stopViewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parts = new PartCounter();
        var viewing = ViewAsync(http, "cam.mjpg", parts, stopViewing.Token);
        try
        {
            await Task.Delay(Warmup, cancellationToken);
            return await MeasureWindowsAsync("floor", "sends the files", new ProcessMeter(floor.Id), floor.Id, () => Task.FromResult((parts.Count, (long?)null)), options, cancellationToken);
        }
        finally
        {
            await stopViewing.CancelAsync();
            await viewing;
        }
    }

    internal static async Task<double> MeasureIdleAsync(ProcessMeter meter, TimeSpan window, CancellationToken cancellationToken)
    {
        var before = meter.SampleCpu();
        await Task.Delay(window, cancellationToken);
        return meter.SampleCpu().PercentSince(before);
    }

    internal static async Task<CameraCost> MeasureCameraAsync(BenchServer server, string id, string label, bool viewer, CaptureOptions options, CancellationToken cancellationToken)
    {
        using var stopViewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var viewing = viewer ? ViewAsync(server.Http, $"video_feed/{id}", new PartCounter(), stopViewing.Token) : Task.CompletedTask;
        try
        {
            await Task.Delay(Warmup, cancellationToken);
            var cost = await MeasureWindowsAsync(label, "", server.Meter, server.Process.Id, async () => ((await ReadCapturedAsync(server.Http, id, cancellationToken)).Frames, await ReadAllocatedAsync(server.Http, cancellationToken)), options, cancellationToken);
            return cost with { Path = (await ReadCapturedAsync(server.Http, id, cancellationToken)).Path };
        }
        finally
        {
            await stopViewing.CancelAsync();
            await viewing;
        }
    }

    internal static async Task WarmUpAsync(BenchServer server, string id, CancellationToken cancellationToken)
    {
        using var stopViewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var viewing = ViewAsync(server.Http, $"video_feed/{id}", new PartCounter(), stopViewing.Token);
        await Task.Delay(WarmUpLap, cancellationToken);
        await stopViewing.CancelAsync();
        await viewing;
        await Task.Delay(IdleTimeout + TimeSpan.FromSeconds(2), cancellationToken);
    }

    /// <summary>CPU, context switches, page faults, frames and (where the process reports it) bytes allocated, over the run's windows.</summary>
    internal static async Task<CameraCost> MeasureWindowsAsync(string kind, string path, ProcessMeter meter, int processId, Func<Task<(long Frames, long? Allocated)>> sample, CaptureOptions options, CancellationToken cancellationToken)
    {
        var perFrame = new List<double>();
        var percent = new List<double>();
        var switches = new List<double>();
        var faults = new List<double>();
        var allocated = new List<double>();
        var fps = new List<double>();
        // The sample (the API and /metrics) costs the server CPU of its own (the first /metrics scrape JIT-compiles
        // the exporter: a third of a second), so each window runs from the end of one sample to the start of the next.
        async Task<(CpuSample Start, long Switched, (long Frames, long? Allocated) Counted, CpuSample End)> BoundaryAsync()
        {
            var (start, switched) = (meter.SampleCpu(), ThreadSwitches.Read(processId));
            var counted = await sample();
            return (start, switched, counted, meter.SampleCpu());
        }

        var previous = await BoundaryAsync();
        for (var w = 0; w < options.Windows; w++)
        {
            await Task.Delay(options.Window, cancellationToken);
            var next = await BoundaryAsync();
            var frames = next.Counted.Frames - previous.Counted.Frames;
            var n = Math.Max(1, frames);
            perFrame.Add((next.Start.Cpu - previous.End.Cpu).TotalMilliseconds / n);
            percent.Add(next.Start.PercentSince(previous.End));
            switches.Add((next.Switched - previous.Switched) / (double)n);
            faults.Add((next.Start.MinorFaults - previous.End.MinorFaults) / (double)n);
            if (next.Counted.Allocated - previous.Counted.Allocated is { } bytes)
            {
                allocated.Add(bytes / 1024.0 / n);
            }

            fps.Add(frames / Stopwatch.GetElapsedTime(previous.Start.Timestamp, next.Start.Timestamp).TotalSeconds);
            previous = next;
        }

        return new CameraCost(kind, path, fps.Average(), perFrame, percent, switches, faults, allocated);
    }

    /// <summary>Bytes the server's GC has handed out so far (the runtime metrics on <c>/metrics</c>); null if it does not say.</summary>
    private static async Task<long?> ReadAllocatedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken);
        foreach (var line in metrics.Split('\n'))
        {
            if ((line.StartsWith("dotnet_gc_heap_total_allocated", StringComparison.Ordinal) || line.StartsWith("process_runtime_dotnet_gc_allocations_size", StringComparison.Ordinal))
                && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture, out var bytes))
            {
                return (long)bytes;
            }
        }

        return null;
    }

    /// <summary>One MJPEG viewer reading as fast as the server sends, until cancelled; counts the parts it got.</summary>
    private static async Task ViewAsync(HttpClient http, string path, PartCounter parts, CancellationToken cancellationToken)
    {
        try
        {
            await using var feed = await MjpegFeed.OpenAsync(http, path, cancellationToken: cancellationToken);
            while (await feed.ReadSliceAsync(cancellationToken) is not null)
            {
                parts.Add();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Parts a viewer received, read while it reads.</summary>
    private sealed class PartCounter
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private static async Task<(long Frames, string Path)> ReadCapturedAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/cameras/{id}", UriKind.Relative), cancellationToken));
        var capture = document.RootElement.GetProperty("capture");
        return (capture.GetProperty("framesCaptured").GetInt64(), capture.GetProperty("path").GetString() ?? "");
    }

    internal static async Task<BenchServer> StartAsync(string repo, string root, string password, CancellationToken cancellationToken)
    {
        var data = Path.Combine(root, "data");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        var process = ServerProcess.Start(repo, root, 0);
        var http = new HttpClient { BaseAddress = process.Address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password}")));
        await process.WaitReadyAsync(http.DefaultRequestHeaders.Authorization, TimeSpan.FromSeconds(60), cancellationToken);
        return new BenchServer(process, http, new ProcessMeter(process.Id));
    }

    internal static void WriteSettings(string root, string frames, string clip, Uri remote, int quality, string password, (string Id, string Kind, string Label)[] cameras, string? alwaysOn)
    {
        object[] all =
        [
            new { Id = "seq", Kind = "ImageSequence", Folder = frames, Fps, AlwaysOn = alwaysOn == "seq" },
            new { Id = "cmd", Kind = "Command", Command = "ffmpeg", Fps, AlwaysOn = alwaysOn == "cmd", Arguments = new[] { "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", clip, "-c", "copy", "-f", "mjpeg", "-" } },
            new { Id = "http", Kind = "Http", Url = remote.ToString(), Fps, AlwaysOn = alwaysOn == "http" },
            new { Id = "avi", Kind = "OpenCv", File = clip, Fps, AlwaysOn = alwaysOn == "avi" },
            new { Id = "mkv", Kind = "OpenCv", File = Path.ChangeExtension(clip, ".mkv"), Fps, AlwaysOn = alwaysOn == "mkv" },
            new { Id = "pattern", Kind = "TestPattern", Width = FrameWidth, Height = FrameHeight, Fps, JpegQuality = quality, AlwaysOn = alwaysOn == "pattern" },
        ];
        var chosen = all.Where((_, i) => cameras.Any(c => c.Id == Cameras[i].Id) && (alwaysOn is null || Cameras[i].Id == alwaysOn)).ToArray();
        var settings = new
        {
            Logging = new { LogLevel = new { Default = "Warning" } },
            AllowedHosts = "*",
            Streaming = new { DefaultCamera = chosen.Length > 0 ? cameras[0].Id : "seq", IdleTimeout = IdleTimeout.ToString("c", CultureInfo.InvariantCulture) },
            Cameras = chosen,
            Dashboard = new { DataDirectory = Path.Combine(root, "data") },
            Auth = new { AdminUser = User, AdminPassword = password },
        };
        File.WriteAllText(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(settings));
    }

    internal static async Task RunFfmpegAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("Could not start ffmpeg.");
        var errors = await ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
        await ffmpeg.WaitForExitAsync(cancellationToken);
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {errors}");
        }
    }
}
