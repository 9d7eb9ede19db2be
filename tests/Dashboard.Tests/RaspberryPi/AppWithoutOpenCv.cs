using System.Diagnostics;

namespace Dashboard.Tests.RaspberryPi;

/// <summary>
/// The real app as a process from a copy of this build without <c>libOpenCvSharpExtern.so</c>, as on a Raspberry Pi
/// without OpenCV's arm64 runtime: an image-sequence camera and an MJPEG .avi of the same pictures (both passed
/// through) and a test pattern (needs OpenCV). Reconnect delays are short, so a camera that kept retrying would log
/// many attempts within the observation.
/// </summary>
public sealed class AppWithoutOpenCv : IAsyncLifetime
{
    private readonly string _clips = Directory.CreateTempSubdirectory("without-opencv-clip-").FullName;
    private string? _copy;

    internal ChildApp Process { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>The sample pictures the image-sequence camera shows.</summary>
    public static string Samples => Path.Combine(AppContext.BaseDirectory, "Samples", "ImageSequence");

    public async Task InitializeAsync()
    {
        _copy = CopyWithoutOpenCv();
        var clip = Path.Combine(_clips, "samples.avi");
        // The sample JPEGs stored untouched (-c:v copy) in an MJPEG .avi.
        await Programs.RunAsync("ffmpeg", "-loglevel", "error", "-pattern_type", "glob", "-i", Path.Combine(Samples, "*.jpg"), "-c:v", "copy", clip);
        Process = AppProcess.StartDll(_copy, new Dictionary<string, string>
        {
            ["Auth__AdminPassword"] = DashboardApp.AdminPassword,
            ["Streaming__ReconnectInitialDelay"] = "00:00:00.2",
            ["Streaming__ReconnectMaxDelay"] = "00:00:01",
            ["Cameras__0__Id"] = "seq",
            ["Cameras__0__Kind"] = "ImageSequence",
            ["Cameras__0__Fps"] = "5",
            ["Cameras__1__Id"] = "pattern",
            ["Cameras__1__Kind"] = "TestPattern",
            ["Cameras__1__Width"] = "320",
            ["Cameras__1__Height"] = "240",
            ["Cameras__2__Id"] = "avi",
            ["Cameras__2__Kind"] = "OpenCv",
            ["Cameras__2__File"] = clip,
            ["Cameras__2__Fps"] = "5",
        });
        Address = await Process.AddressAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync()
    {
        Process?.Dispose();
        if (_copy is not null)
        {
            Directory.Delete(_copy, recursive: true);
        }

        Directory.Delete(_clips, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Hard links of this build's files (instant, no space), without OpenCV's native library.</summary>
    private static string CopyWithoutOpenCv()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"dashboard-without-opencv-{Guid.NewGuid():N}");
        using (var cp = System.Diagnostics.Process.Start(new ProcessStartInfo("cp", ["-al", AppContext.BaseDirectory.TrimEnd('/'), copy]) { RedirectStandardError = true })!)
        {
            cp.WaitForExit();
            Assert.True(cp.ExitCode == 0, $"cp -al: {cp.StandardError.ReadToEnd()}");
        }

        var native = Directory.GetFiles(copy, "libOpenCvSharpExtern.so", SearchOption.AllDirectories);
        Assert.NotEmpty(native);
        foreach (var file in native)
        {
            File.Delete(file);
        }

        return copy;
    }
}
