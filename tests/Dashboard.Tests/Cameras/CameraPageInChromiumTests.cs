using Microsoft.Playwright;
using Streaming.Cameras;
using Streaming.Http;

namespace Dashboard.Tests.Cameras;

/// <remarks>One app for the class (<see cref="PorchAndYardApp"/>): no test changes what another one looks at.</remarks>
public sealed class CameraPageInChromiumTests(ChromiumFixture chromium, PorchAndYardApp app) : ChromiumTest(chromium), IClassFixture<PorchAndYardApp>
{
    [Fact]
    public async Task ViewerTableListsTheGridTileAndAnExternalFeedAndDropsTheFeedWhenItLeaves()
    {
        await using var context = await Browser.NewSignedInContextAsync(app);
        var grid = await context.NewPageAsync();
        await grid.GotoAsync("", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var page = await context.NewPageAsync();
        await page.GotoAsync("cameras/porch", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var viewers = page.GetByRole(AriaRole.Table, new() { Name = "Viewers" });

        using var vlc = app.CreateBasicClient();
        vlc.DefaultRequestHeaders.UserAgent.ParseAdd("VLC/3.0.20 LibVLC/3.0.20");
        var feed = await vlc.GetAsync($"{FeedRoutes.Feed("porch")}?client=living-room-vlc", HttpCompletionOption.ResponseHeadersRead);

        await Assertions.Expect(viewers.GetByRole(AriaRole.Row).Filter(new() { HasText = "living-room-vlc" })).ToContainTextAsync("VLC/3.0.20");
        await Assertions.Expect(viewers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dashboard" })).ToContainTextAsync(DashboardApp.AdminUser);
        await Assertions.Expect(viewers.GetByRole(AriaRole.Row).Filter(new() { HasText = "camera-page" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("camera-page-viewers"), FullPage = true });

        feed.Dispose();

        await Assertions.Expect(viewers.GetByRole(AriaRole.Row).Filter(new() { HasText = "living-room-vlc" }))
            .ToHaveCountAsync(0, new() { Timeout = 2_000 });
    }

    [Fact]
    public async Task UnknownCameraSaysSo()
    {
        await using var context = await Browser.NewSignedInContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("cameras/nope", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

        await Assertions.Expect(page.GetByText("There is no camera 'nope'.")).ToBeVisibleAsync();
    }
}

/// <summary>The app with a 640x360 porch at 10 fps and a 320x240 yard at 5 fps.</summary>
public sealed class PorchAndYardApp : DashboardApp
{
    public PorchAndYardApp() => WithCameras(
        new CameraDefinition { Id = "porch", Name = "Porch", Width = 640, Height = 360, Fps = 10 },
        new CameraDefinition { Id = "yard", Name = "Yard", Width = 320, Height = 240, Fps = 5 });
}
