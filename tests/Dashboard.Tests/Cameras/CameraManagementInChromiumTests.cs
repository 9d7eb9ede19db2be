using Microsoft.Playwright;
using Streaming.Cameras;
using Streaming.Http;

namespace Dashboard.Tests.Cameras;

/// <remarks>One app for the class (<see cref="PorchApp"/>): no test changes what another one looks at.</remarks>
public sealed class CameraManagementInChromiumTests(ChromiumFixture chromium, PorchApp app) : ChromiumTest(chromium), IClassFixture<PorchApp>
{
    [Fact]
    public async Task CameraAddedThroughTheFormIsLiveAtOnceAndStored()
    {
        await using var context = await Browser.NewSignedInContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync("cameras/new", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("driveway");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Driveway");
        await page.GetByLabel("Width", new() { Exact = true }).FillAsync("400");
        await page.GetByLabel("Height", new() { Exact = true }).FillAsync("300");
        await page.GetByLabel("Fps", new() { Exact = true }).FillAsync("0");
        await page.GetByLabel("Height", new() { Exact = true }).FocusAsync();
        await Assertions.Expect(page.GetByText("Fps must be greater than 0 and at most 120 (was 0).")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("camera-form-validation") });

        await page.GetByLabel("Fps", new() { Exact = true }).FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await page.WaitForPathAsync("/cameras/driveway");
        var live = page.GetByRole(AriaRole.Img, new() { Name = "Live view of Driveway" });
        await Assertions.Expect(live).ToHaveJSPropertyAsync("naturalWidth", 400, new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("camera-added") });

        var stored = await app.StoredCameraAsync("driveway");
        Assert.Equal(("Driveway", 400, 300, 8.0), (stored!.Definition.Name, stored.Definition.Width, stored.Definition.Height, stored.Definition.Fps));
        Assert.Equal(CameraState.Streaming, app.Cameras.Find("driveway")!.State);
    }

    [Fact]
    public async Task ChangingOneCameraDoesNotDisturbViewersOfAnother()
    {
        using var viewer = app.CreateBasicClient();
        using var feed = await viewer.GetAsync(FeedRoutes.Feed("porch"), HttpCompletionOption.ResponseHeadersRead);
        var body = await feed.Content.ReadAsStreamAsync();
        await using var context = await Browser.NewSignedInContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("cameras/new", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("shed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForPathAsync("/cameras/shed");

        // The porch stream kept flowing: it still delivers bytes, on the same connection.
        var buffer = new byte[64 * 1024];
        Assert.True(await body.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5)) > 0);
        Assert.Equal(1, app.Cameras.Find("porch")!.SubscriberCount);
    }
}

/// <summary>The app with one camera, a 320x240 porch at 5 fps; the tests add the others.</summary>
public sealed class PorchApp : DashboardApp
{
    public PorchApp() => WithCameras(
        new CameraDefinition { Id = "porch", Name = "Porch", Width = 320, Height = 240, Fps = 5 });
}
