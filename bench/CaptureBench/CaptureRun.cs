using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StreamingBench;

namespace CaptureBench;

/// <summary>One measured camera: CPU milliseconds per captured frame in each window, and the path its frames took.</summary>
internal sealed record CameraCost(string Kind, string Path, double Fps, IReadOnlyList<double> MsPerFrame, IReadOnlyList<double> CorePercent, double FloorMsPerFrame)
{
    public double Median => MedianOf(MsPerFrame);

    public double MedianCorePercent => MedianOf(CorePercent);

    public double NetMedian => Math.Max(0, Median - FloorMsPerFrame);

    private static double MedianOf(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>The dashboard as a child process, a client signed in as the bench's admin, and its CPU meter.</summary>
internal sealed record BenchServer(ServerProcess Process, HttpClient Http, ProcessMeter Meter) : IDisposable
{
    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}

/// <summary>
/// Starts the dashboard with one camera of each kind on the same material (30 pre-rendered 1280x720 JPEGs, ~107 KB),
/// then, one camera at a time, keeps one MJPEG viewer connected and reads the server's CPU time and the camera's
/// captured-frame count over several windows. The idle server's CPU, measured in the same run, is the floor. Then each
/// camera runs alone with nobody watching (AlwaysOn), which separates the capture's cost from the feed's.
/// </summary>
internal static class CaptureRun
{
    private const int FrameCount = 30;
    private const int TargetFrameBytes = 107 * 1024;
    private const int FrameWidth = 1280;
    private const int FrameHeight = 720;
    private const string User = "bench";
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);

    // A freshly started server is still compiling its hot paths (tiered JIT) for the first 20 s or so.
    private static readonly TimeSpan FreshServerWarmup = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(1);

    private static readonly (string Id, string Kind)[] Cameras =
        [("seq", "ImageSequence"), ("cmd", "Command"), ("avi", "OpenCv"), ("pattern", "TestPattern")];

    public static async Task<string> RunAsync(CaptureOptions options, CancellationToken cancellationToken)
    {
        var repo = FindRepoRoot();
        if (!options.NoBuild)
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
            var password = $"Bench-{Guid.NewGuid():N}";
            WriteSettings(root, frames, clip, set.Quality, password, alwaysOn: null);
            double floorPercent;
            var results = new List<CameraCost>();
            using (var server = await StartAsync(repo, root, password, cancellationToken))
            {
                await Task.Delay(FreshServerWarmup, cancellationToken);
                floorPercent = await MeasureIdleAsync(server.Meter, options.Window, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Idle server: {floorPercent:0.00} % of one core"));
                foreach (var (id, kind) in Cameras)
                {
                    var cost = await MeasureCameraAsync(server, id, kind, floorPercent, viewer: true, options, cancellationToken);
                    Print("one viewer", cost);
                    results.Add(cost);
                    await Task.Delay(IdleTimeout + TimeSpan.FromSeconds(2), cancellationToken);
                }
            }

            // The same cameras with nobody watching (AlwaysOn, one server each): what capture alone costs.
            var alone = new List<CameraCost>();
            foreach (var (id, kind) in Cameras)
            {
                WriteSettings(root, frames, clip, set.Quality, password, alwaysOn: id);
                using var server = await StartAsync(repo, root, password, cancellationToken);
                await Task.Delay(FreshServerWarmup, cancellationToken);
                var cost = await MeasureCameraAsync(server, id, kind, floorPercent, viewer: false, options, cancellationToken);
                Print("no viewer", cost);
                alone.Add(cost);
            }

            return Markdown(results, alone, set, floorPercent, options);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<double> MeasureIdleAsync(ProcessMeter meter, TimeSpan window, CancellationToken cancellationToken)
    {
        var before = meter.SampleCpu();
        await Task.Delay(window, cancellationToken);
        return meter.SampleCpu().PercentSince(before);
    }

    private static async Task<CameraCost> MeasureCameraAsync(BenchServer server, string id, string kind, double floorPercent, bool viewer, CaptureOptions options, CancellationToken cancellationToken)
    {
        var (http, meter) = (server.Http, server.Meter);
        using var stopViewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var viewing = viewer ? ViewAsync(http, id, stopViewing.Token) : Task.CompletedTask;
        try
        {
            await Task.Delay(Warmup, cancellationToken);
            var perFrame = new List<double>();
            var percent = new List<double>();
            var fps = new List<double>();
            var (cpu, captured) = (meter.SampleCpu(), await ReadCapturedAsync(http, id, cancellationToken));
            for (var w = 0; w < options.Windows; w++)
            {
                await Task.Delay(options.Window, cancellationToken);
                var (nextCpu, nextCaptured) = (meter.SampleCpu(), await ReadCapturedAsync(http, id, cancellationToken));
                var frames = nextCaptured.Frames - captured.Frames;
                var seconds = Stopwatch.GetElapsedTime(cpu.Timestamp, nextCpu.Timestamp).TotalSeconds;
                perFrame.Add((nextCpu.Cpu - cpu.Cpu).TotalMilliseconds / Math.Max(1, frames));
                percent.Add(nextCpu.PercentSince(cpu));
                fps.Add(frames / seconds);
                (cpu, captured) = (nextCpu, nextCaptured);
            }

            var meanFps = fps.Average();
            var floorMsPerFrame = floorPercent / 100 * 1000 / Math.Max(1, meanFps);
            return new CameraCost(kind, captured.Path, meanFps, perFrame, percent, floorMsPerFrame);
        }
        finally
        {
            await stopViewing.CancelAsync();
            await viewing;
        }
    }

    /// <summary>One MJPEG viewer reading as fast as the server sends, until cancelled.</summary>
    private static async Task ViewAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"video_feed/{id}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[64 * 1024];
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task<(long Frames, string Path)> ReadCapturedAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/cameras/{id}", UriKind.Relative), cancellationToken));
        var capture = document.RootElement.GetProperty("capture");
        return (capture.GetProperty("framesCaptured").GetInt64(), capture.GetProperty("path").GetString() ?? "");
    }

    private static async Task<BenchServer> StartAsync(string repo, string root, string password, CancellationToken cancellationToken)
    {
        var data = Path.Combine(root, "data");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        var process = ServerProcess.Start(repo, root, 0);
        var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password}")));
        await process.WaitReadyAsync(http.DefaultRequestHeaders.Authorization, TimeSpan.FromSeconds(60), cancellationToken);
        return new BenchServer(process, http, new ProcessMeter(process.Id));
    }

    private static void Print(string scenario, CameraCost cost) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cost.Kind,-14} {scenario,-10} {cost.Median:0.000} ms/frame (windows {string.Join(", ", cost.MsPerFrame.Select(m => m.ToString("0.000", CultureInfo.InvariantCulture)))}), {cost.MedianCorePercent:0.0} % of a core, path: {cost.Path}"));

    private static void WriteSettings(string root, string frames, string clip, int quality, string password, string? alwaysOn)
    {
        object[] all =
        [
            new { Id = "seq", Kind = "ImageSequence", Folder = frames, Fps = 30, AlwaysOn = alwaysOn == "seq" },
            new { Id = "cmd", Kind = "Command", Command = "ffmpeg", Fps = 30, AlwaysOn = alwaysOn == "cmd", Arguments = new[] { "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", clip, "-c", "copy", "-f", "mjpeg", "-" } },
            new { Id = "avi", Kind = "OpenCv", File = clip, Fps = 30, AlwaysOn = alwaysOn == "avi" },
            new { Id = "pattern", Kind = "TestPattern", Width = FrameWidth, Height = FrameHeight, Fps = 30, JpegQuality = quality, AlwaysOn = alwaysOn == "pattern" },
        ];
        var cameras = alwaysOn is null ? all : [all[Array.FindIndex(Cameras, c => c.Id == alwaysOn)]];
        var settings = new
        {
            Logging = new { LogLevel = new { Default = "Warning" } },
            AllowedHosts = "*",
            Streaming = new { DefaultCamera = "seq", IdleTimeout = IdleTimeout.ToString("c", CultureInfo.InvariantCulture) },
            Cameras = cameras,
            Dashboard = new { DataDirectory = Path.Combine(root, "data") },
            Auth = new { AdminUser = User, AdminPassword = password },
        };
        File.WriteAllText(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(settings));
    }

    private static async Task RunFfmpegAsync(string[] arguments, CancellationToken cancellationToken)
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

    private static string Markdown(List<CameraCost> results, List<CameraCost> alone, FrameSet set, double floorPercent, CaptureOptions options)
    {
        var baseline = results.Single(r => r.Kind == "ImageSequence").Median;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"- Material: {set.Count} frames 1280x720, JPEG quality {set.Quality}, average {set.AverageBytes / 1024:0.0} KB; the .avi holds the same JPEGs (`ffmpeg -c:v copy`)");
        text.AppendLine(c, $"- One viewer of `/video_feed/{{id}}` per camera, {options.Windows} windows of {options.Window.TotalSeconds:0} s after {Warmup.TotalSeconds:0} s warm-up; server CPU from `/proc/<pid>/stat` (children, such as the Command camera's ffmpeg, not counted)");
        text.AppendLine(c, $"- Capture alone: each camera `AlwaysOn` in a fresh server of its own, nobody watching, measured after {FreshServerWarmup.TotalSeconds:0} s");
        text.AppendLine(c, $"- Idle server (same run, no camera running): {floorPercent:0.00} % of one core; \"net\" subtracts it");
        text.AppendLine();
        text.AppendLine("| camera kind | path | fps | CPU ms/frame, one viewer (median) | min-max over windows | share of one core | net ms/frame | vs ImageSequence | capture alone (no viewer) ms/frame | min-max |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < results.Count; i++)
        {
            var (r, a) = (results[i], alone[i]);
            text.AppendLine(c, $"| `{r.Kind}` | {r.Path} | {r.Fps:0.0} | {r.Median:0.000} | {r.MsPerFrame.Min():0.000}-{r.MsPerFrame.Max():0.000} | {r.MedianCorePercent:0.0} % | {r.NetMedian:0.000} | {r.Median / baseline:0.00}x | {a.Median:0.000} | {a.MsPerFrame.Min():0.000}-{a.MsPerFrame.Max():0.000} |");
        }

        return text.ToString();
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

        throw new DirectoryNotFoundException("Dashboard.sln not found above this program.");
    }
}
