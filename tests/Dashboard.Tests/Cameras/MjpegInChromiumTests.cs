using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Streaming.Http;
using Xunit.Abstractions;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

public sealed class MjpegInChromiumTests(ChromiumFixture chromium, ITestOutputHelper output) : ChromiumTest(chromium), IAsyncLifetime
{
    private readonly string _frames = TestJpegs.Folder((320, 240), (400, 300));
    private DashboardApp _app = null!;

    public Task InitializeAsync()
    {
        // One frame a second, alternating sizes, so every new frame is visible as a new naturalWidth.
        _app = new DashboardApp().WithCameras(new CameraDefinition { Id = "slow", Kind = CameraKind.ImageSequence, Folder = _frames, Fps = 1 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_frames, recursive: true);
    }

    [Fact]
    public async Task OneFpsCameraShowsEachNewFrameWithin200MillisecondsOfSendingIt()
    {
        // A second client records when each frame was sent (X-Timestamp), to compare with what the browser paints.
        using var client = _app.CreateBasicClient();
        using var recording = new CancellationTokenSource();
        var sent = new List<(int Width, double At)>();
        var recorder = RecordFramesAsync(client, sent, recording.Token);

        await using var context = await Browser.NewSignedInContextAsync(_app);
        var page = await context.NewPageAsync();
        await page.GotoAsync("not-found");
        await page.SetContentAsync($$"""
            <img id="feed" src="{{_app.Address}}video_feed/slow">
            <script>
              window.changes = [];
              const img = document.getElementById('feed');
              let shown = 0;
              (function watch() {
                if (img.naturalWidth !== shown) { shown = img.naturalWidth; window.changes.push([shown, Date.now() / 1000]); }
                requestAnimationFrame(watch);
              })();
            </script>
            """, new PageSetContentOptions { WaitUntil = WaitUntilState.Commit });

        await page.WaitForFunctionAsync("window.changes.length >= 6", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        var changes = JsonSerializer.Deserialize<double[][]>(await page.EvaluateAsync<string>("JSON.stringify(window.changes)"))!;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("mjpeg-1fps") });
        await page.CloseAsync();
        await recording.CancelAsync();
        await recorder;

        // Skip the first picture (it may be the frame that was current when the page connected).
        List<(int Width, double At)> frames;
        lock (sent)
        {
            frames = [.. sent];
        }

        var delays = new List<double>();
        foreach (var change in changes.Skip(1))
        {
            var width = (int)change[0];
            var paintedAt = change[1];
            var frame = frames.Where(f => f.Width == width && f.At <= paintedAt + 0.05).MaxBy(f => f.At);
            Assert.True(frame != default, $"the browser painted a {width}px frame that was never sent");
            var delay = paintedAt - frame.At;
            delays.Add(delay);
            Assert.True(delay <= 0.2, $"a frame was painted {delay * 1000:F0} ms after it was sent (at most 200 ms allowed)");
        }

        output.WriteLine($"paint delays (ms): {string.Join(", ", delays.Select(d => (d * 1000).ToString("F0", CultureInfo.InvariantCulture)))}");
    }

    private static async Task RecordFramesAsync(HttpClient client, List<(int Width, double At)> sent, CancellationToken cancellation)
    {
        try
        {
            using var response = await client.GetAsync(FeedRoutes.Feed("slow"), HttpCompletionOption.ResponseHeadersRead, cancellation);
            var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader("frame", await response.Content.ReadAsStreamAsync(cancellation));
            while (await reader.ReadNextSectionAsync(cancellation) is { } section)
            {
                using var body = new MemoryStream();
                await section.Body.CopyToAsync(body, cancellation);
                Streaming.Imaging.JpegInfo.TryReadSize(body.ToArray(), out var width, out _);
                var at = double.Parse(section.Headers!["X-Timestamp"]!, CultureInfo.InvariantCulture);
                lock (sent)
                {
                    sent.Add((width, at));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
