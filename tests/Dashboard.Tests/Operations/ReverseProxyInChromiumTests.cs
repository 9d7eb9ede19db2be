using Microsoft.Playwright;
using Streaming.Cameras;

namespace Dashboard.Tests.Operations;

/// <summary>The dashboard in Chromium through nginx under /cams/: sign-in, Blazor's circuit and the tile socket over WebSockets, live pictures.</summary>
public sealed class ReverseProxyInChromiumTests(ChromiumFixture chromium) : ChromiumTest(chromium), IAsyncLifetime
{
    private readonly DashboardApp _app = new DashboardApp()
        .WithCameras(new CameraDefinition { Id = "yard", Name = "Yard", Width = 320, Height = 240, Fps = 10 });

    private NginxProxy? _nginx;

    private NginxProxy Nginx => _nginx!;

    public async Task InitializeAsync() => _nginx = await NginxProxy.StartAsync(_app.Address);

    public async Task DisposeAsync()
    {
        _nginx?.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task DashboardWorksUnderThePrefixWithItsWebSocketsThroughNginx()
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Nginx.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        var sockets = new List<IWebSocket>();
        page.WebSocket += (_, socket) =>
        {
            lock (sockets)
            {
                sockets.Add(socket);
            }
        };

        // The grid sends a stranger to the sign-in form under the prefix, and back to the grid after it.
        await page.GotoAsync("", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        Assert.Equal("/cams/account/login", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("User name").FillAsync(DashboardApp.AdminUser);
        await page.GetByLabel("Password").FillAsync(DashboardApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPathAsync("/cams/");

        // The grid's tile gets frames over /cams/ws/tiles; the circuit runs over /cams/_blazor.
        var tile = page.GetByRole(AriaRole.Img, new() { Name = "Live view of Yard" });
        await LivePicture.WaitUntilItChangesAsync(tile);
        Assert.Contains(Urls(sockets), url => url.StartsWith($"ws://127.0.0.1:{Nginx.Port}/cams/_blazor?id=", StringComparison.Ordinal));
        Assert.Contains(Urls(sockets), url => url == $"ws://127.0.0.1:{Nginx.Port}/cams/ws/tiles");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("proxy-grid") });

        // Following the tile's link is client-side routing over the circuit; the camera page's MJPEG picture comes through /cams/video_feed.
        await page.GetByRole(AriaRole.Link, new() { Name = "Open Yard" }).ClickAsync();
        await page.WaitForPathAsync("/cams/cameras/yard");
        var live = page.GetByRole(AriaRole.Img, new() { Name = "Live view of Yard" });
        await LivePicture.WaitUntilItChangesAsync(live);
        Assert.Equal($"http://127.0.0.1:{Nginx.Port}/cams/video_feed/yard?client=camera-page", await live.EvaluateAsync<string>("img => img.src"));

        // The addresses offered for other tools are the ones the browser used: host, port and prefix.
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Feed URL (MJPEG)" })).ToHaveValueAsync($"http://127.0.0.1:{Nginx.Port}/cams/video_feed/yard");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("proxy-camera-page") });
        Assert.DoesNotContain(Urls(sockets), url => !url.StartsWith($"ws://127.0.0.1:{Nginx.Port}/cams/", StringComparison.Ordinal));
    }

    private static List<string> Urls(List<IWebSocket> sockets)
    {
        lock (sockets)
        {
            return [.. sockets.Select(s => s.Url)];
        }
    }
}
