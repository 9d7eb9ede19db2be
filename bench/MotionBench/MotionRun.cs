using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Streaming;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Motion;
using StreamingBench;

namespace MotionBench;

/// <summary>
/// Runs N pass-through cameras (ImageSequence, 1280x720 JPEGs of ~107 KB at 15 fps, always on) in this process and
/// measures its CPU in three arms, round after round on the same cameras: without the motion service, with it but
/// detection off (what a camera without detection costs), and with detection on every camera. Two scenes: a still
/// picture (checks only) and a square crossing it all the time (checks, an open event and its clip being written).
/// </summary>
internal static class MotionRun
{
    private const int FrameCount = 30;
    private const int TargetFrameBytes = 107 * 1024;
    private const int Width = 1280;
    private const int Height = 720;
    private const double Fps = 15;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<string> RunAsync(MotionBenchOptions options, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("motion-bench-").FullName;
        try
        {
            var set = FrameSetRenderer.Render(Directory.CreateDirectory(Path.Combine(root, "pattern")).FullName, FrameCount, TargetFrameBytes, Width, Height, Fps);
            var scenes = new[] { ("still", Still(root)), ("moving", Moving(root, set.Quality)) };
            using var host = StartCameras(options.Cameras, scenes[0].Item2);
            await host.StartAsync(cancellationToken);
            var registry = host.Services.GetRequiredService<CameraRegistry>();
            var motionOptions = new MotionOptions { ClipDirectory = Path.Combine(root, "clips"), MinFreeBytes = 0, ChecksPerSecond = options.ChecksPerSecond };
            var events = new EventCount();
            var storage = new ClipStorage(motionOptions);
            await using var motion = new MotionService(registry, Microsoft.Extensions.Options.Options.Create(motionOptions), storage, [events], NullLoggerFactory.Instance);
            var meter = new ProcessMeter(Environment.ProcessId);
            var rows = new List<Row>();
            foreach (var (scene, folder) in scenes)
            {
                await SetAsync(registry, d => d with { Folder = folder, Motion = MotionSettings.Off });
                var sceneStart = DateTimeOffset.UtcNow;
                await Task.Delay(Settle * 2, cancellationToken);
                var arms = new Dictionary<string, List<double>> { ["no motion service"] = [], ["detection off"] = [], ["detection on"] = [] };
                var checks = new List<double>();
                var startedBefore = events.Started;
                var fps = new List<double>();
                for (var round = 0; round < options.Rounds; round++)
                {
                    arms["no motion service"].Add(await MeasureAsync(meter, options.Window, cancellationToken));
                    await motion.StartAsync(cancellationToken);
                    arms["detection off"].Add(await MeasureAsync(meter, options.Window, cancellationToken));
                    await SetAsync(registry, d => d with { Motion = new MotionSettings { Enabled = true } });
                    await Task.Delay(Settle, cancellationToken);
                    var before = registry.Cameras.Sum(c => motion.StatusOf(c.Id).Checks);
                    var started = DateTimeOffset.UtcNow;
                    arms["detection on"].Add(await MeasureAsync(meter, options.Window, cancellationToken));
                    checks.Add((registry.Cameras.Sum(c => motion.StatusOf(c.Id).Checks) - before) / (DateTimeOffset.UtcNow - started).TotalSeconds / options.Cameras);
                    fps.Add(registry.Cameras.Average(c => c.ReadStatistics().CaptureFps));
                    await SetAsync(registry, d => d with { Motion = MotionSettings.Off });
                    await motion.StopAsync(cancellationToken);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{scene} round {round + 1}: {string.Join(", ", arms.Select(a => $"{a.Key} {a.Value[^1]:0.0} %"))}, {checks[^1]:0.00} checks/s per camera"));
                }

                var floor = Median(arms["no motion service"]);
                rows.AddRange(arms.Select(a => new Row(scene, a.Key, Median(a.Value), (Median(a.Value) - floor) / options.Cameras, a.Key == "detection on" ? Median(checks) : 0, Median(fps),
                    a.Key == "detection on" ? events.Started - startedBefore : 0, a.Key == "detection on" ? storage.List().Where(c => c.Start >= sceneStart).Sum(c => c.Bytes) : 0)));
            }

            return Markdown(rows, options, set);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IHost StartCameras(int count, string folder)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.Services.AddSingleton<ICameraCatalog>(new Cameras([.. Enumerable.Range(1, count).Select(i => new ConfiguredCamera(new CameraDefinition
        {
            Id = $"cam{i}",
            Kind = CameraKind.ImageSequence,
            Folder = folder,
            Fps = Fps,
            Width = Width,
            Height = Height,
            AlwaysOn = true,
        }))]));
        builder.AddStreaming();
        return builder.Build();
    }

    private static async Task SetAsync(CameraRegistry registry, Func<CameraDefinition, CameraDefinition> change)
    {
        foreach (var camera in registry.Cameras.ToList())
        {
            await registry.AddOrUpdateAsync(new ConfiguredCamera(change(camera.Definition)));
        }
    }

    private static async Task<double> MeasureAsync(ProcessMeter meter, TimeSpan window, CancellationToken cancellationToken)
    {
        var before = meter.SampleCpu();
        await Task.Delay(window, cancellationToken);
        return meter.SampleCpu().PercentSince(before);
    }

    /// <summary>The first test-pattern frame 30 times: nothing moves, so every check finds nothing.</summary>
    private static string Still(string root)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "still")).FullName;
        var first = File.ReadAllBytes(Path.Combine(root, "pattern", "frame-000.jpg"));
        for (var i = 0; i < FrameCount; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"frame-{i:D3}.jpg"), first);
        }

        return folder;
    }

    /// <summary>The test pattern with a 240 px square crossing it once per loop: every check sees motion.</summary>
    private static string Moving(string root, int quality)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "moving")).FullName;
        for (var i = 0; i < FrameCount; i++)
        {
            var name = $"frame-{i:D3}.jpg";
            using var image = Cv2.ImRead(Path.Combine(root, "pattern", name));
            Cv2.Rectangle(image, new Rect(i * (Width - 240) / FrameCount, 240, 240, 240), Scalar.White, -1);
            File.WriteAllBytes(Path.Combine(folder, name), JpegEncoder.Encode(image, quality));
        }

        return folder;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Markdown(List<Row> rows, MotionBenchOptions options, FrameSet set)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{options.Cameras} cameras, 1280x720 JPEGs of {set.AverageBytes / 1024:0} KB at {Fps} fps, {options.ChecksPerSecond} checks/s, {options.Rounds} rounds of {options.Window.TotalSeconds:0} s per arm (medians):");
        text.AppendLine();
        text.AppendLine("| scene | arm | process CPU (% of one core) | added per camera (% of one core) | checks/s per camera | capture fps | events | clip MB written |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Scene} | {row.Arm} | {row.Cpu:0.0} | {row.PerCamera:+0.00;-0.00;0.00} | {(row.Checks > 0 ? row.Checks.ToString("0.00", CultureInfo.InvariantCulture) : "")} | {row.Fps:0.0} | {(row.Checks > 0 ? row.Events.ToString(CultureInfo.InvariantCulture) : "")} | {(row.Checks > 0 ? (row.ClipBytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) : "")} |");
        }

        return text.ToString();
    }

    private sealed record Row(string Scene, string Arm, double Cpu, double PerCamera, double Checks, double Fps, int Events, long ClipBytes);

    /// <summary>Counts the events that started, to show the moving scene really makes events and clips.</summary>
    private sealed class EventCount : IMotionEventSink
    {
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public Task HandleAsync(MotionNotice notice, CancellationToken cancellationToken)
        {
            if (notice.Kind == MotionNoticeKind.Started)
            {
                Interlocked.Increment(ref _started);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class Cameras(IReadOnlyList<ConfiguredCamera> cameras) : ICameraCatalog
    {
        public Task<IReadOnlyList<ConfiguredCamera>> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(cameras);
    }
}
