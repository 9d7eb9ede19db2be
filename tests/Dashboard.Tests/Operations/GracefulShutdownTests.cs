using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Streaming.Http;
using Xunit.Abstractions;

namespace Dashboard.Tests.Operations;

/// <summary>
/// What <c>systemctl stop</c> (or <c>restart</c>) does to the real app: SIGTERM to the process. Feeds end after a
/// whole part, the app exits 0 promptly, and the camera programs it started are gone with it.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(5);

    /// <summary>An argument only this test's ffmpeg carries, to find it in /proc.</summary>
    private readonly string _marker = $"comment=graceful-shutdown-test-{Guid.NewGuid():N}";

    private ChildApp? _app;

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task SigtermEndsFeedsAfterAWholePartExitsZeroAndLeavesNoCameraProcess()
    {
        _app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Auth__AdminPassword"] = DashboardApp.AdminPassword,
            ["Cameras__0__Id"] = "ff",
            ["Cameras__0__Kind"] = "Command",
            ["Cameras__0__Command"] = "ffmpeg",
            ["Cameras__0__Arguments__0"] = "-hide_banner",
            ["Cameras__0__Arguments__1"] = "-loglevel",
            ["Cameras__0__Arguments__2"] = "error",
            ["Cameras__0__Arguments__3"] = "-re",
            ["Cameras__0__Arguments__4"] = "-f",
            ["Cameras__0__Arguments__5"] = "lavfi",
            ["Cameras__0__Arguments__6"] = "-i",
            ["Cameras__0__Arguments__7"] = "testsrc2=size=320x240:rate=10",
            ["Cameras__0__Arguments__8"] = "-metadata",
            ["Cameras__0__Arguments__9"] = _marker,
            ["Cameras__0__Arguments__10"] = "-f",
            ["Cameras__0__Arguments__11"] = "mjpeg",
            ["Cameras__0__Arguments__12"] = "-",
        });
        var address = await _app.AddressAsync(TimeSpan.FromSeconds(60));

        using var client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DashboardApp.AdminUser}:{DashboardApp.AdminPassword}")));
        using var response = await client.GetAsync(new Uri($"{FeedRoutes.Feed("ff")}?parts=standard", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /video_feed/ff: {(int)response.StatusCode}{Environment.NewLine}{_app.Output}");
        var reader = await MjpegFeed.ReadAsync(response);
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Until ffmpeg's first frame the feed shows the "no signal" placeholder; then its frames arrive.
        var frames = 0;
        while (frames < 3)
        {
            var part = await reader.ReadPartAsync(reading.Token);
            Assert.True(part is { IsWholeJpeg: true }, "the feed sends whole JPEG parts");
            frames += part.IsPlaceholder ? 0 : 1;
        }

        // The camera's ffmpeg is the app's child.
        var ffmpeg = Assert.Single(ProcessTable.WithArgument(_marker));
        Assert.Equal(_app.Id, ProcessTable.ParentOf(ffmpeg));

        var stopping = Stopwatch.StartNew();
        Signal.Send(_app.Id, "TERM");

        // The feed ends cleanly: the reader sees the stream end right after a whole part (a torn part or a
        // reset connection would throw), and the response body completes.
        var parts = 0;
        while (await reader.ReadPartAsync(reading.Token) is { } part)
        {
            Assert.True(part.IsWholeJpeg);
            parts++;
        }

        var feedEnded = stopping.Elapsed;
        var exit = _app.Process.WaitForExitAsync();
        var exitedInTime = await Task.WhenAny(exit, Task.Delay(ExitWithin)) == exit;
        Assert.True(exitedInTime, $"The app still runs {ExitWithin.TotalSeconds:0} s after its feed ended (SIGTERM):{Environment.NewLine}{_app.Output}");
        var exited = stopping.Elapsed;
        output.WriteLine($"After SIGTERM: feed ended after {feedEnded.TotalMilliseconds:0} ms ({parts} more parts), app exited after {exited.TotalMilliseconds:0} ms with code {_app.Process.ExitCode}");

        Assert.True(_app.Process.ExitCode == 0, $"exit code {_app.Process.ExitCode}:{Environment.NewLine}{_app.Output}");
        Assert.False(ProcessTable.IsRunning(ffmpeg), $"ffmpeg {ffmpeg} outlived the app");
        Assert.Empty(ProcessTable.WithArgument(_marker));
    }
}
