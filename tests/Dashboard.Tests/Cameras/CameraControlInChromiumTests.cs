using Microsoft.Playwright;
using Streaming.Cameras;
using Streaming.Imaging;

namespace Dashboard.Tests.Cameras;

public sealed class CameraControlInChromiumTests(ChromiumFixture chromium) : ChromiumTest(chromium), IAsyncLifetime
{
    private readonly DashboardApp _app = new DashboardApp().WithCameras(
        new CameraDefinition { Id = "porch", Name = "Porch", Width = 320, Height = 240, Fps = 10 },
        new CameraDefinition { Id = "yard", Name = "Yard", Width = 320, Height = 240, Fps = 5 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RotationChangedByAnOperatorReachesAnotherViewerWithinTwoSeconds()
    {
        await using var operatorContext = await Browser.NewSignedInContextAsync(_app);
        await using var viewerContext = await Browser.NewSignedInContextAsync(_app);
        var controls = await operatorContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();
        await controls.GotoAsync("cameras/porch", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await viewer.GotoAsync("cameras/porch", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var picture = viewer.GetByRole(AriaRole.Img, new() { Name = "Live view of Porch" });
        await Assertions.Expect(picture).ToHaveJSPropertyAsync("naturalWidth", 320, new() { Timeout = 10_000 });

        var clockwise = controls.GetByRole(AriaRole.Option, new() { Name = "90° clockwise" });
        await Interactive.ClickUntilAsync(controls.GetByLabel("Rotation", new() { Exact = true }), clockwise);
        await clockwise.ClickAsync();

        await Assertions.Expect(picture).ToHaveJSPropertyAsync("naturalWidth", 240, new() { Timeout = 2_000 });
        await Assertions.Expect(controls.GetByRole(AriaRole.Table, new() { Name = "Changes" })).ToContainTextAsync("Rotation: 0 -> 90");
        await Assertions.Expect(controls.GetByText("Encoding every frame")).ToBeVisibleAsync();
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("camera-rotated"), FullPage = true });
    }

    [Fact]
    public async Task StoppedCameraShowsStoppedOnTheGridAndSettingsSurviveARestart()
    {
        await using var context = await Browser.NewSignedInContextAsync(_app);
        var grid = await context.NewPageAsync();
        await grid.GotoAsync("", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var controls = await context.NewPageAsync();
        await controls.GotoAsync("cameras/yard", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

        await Interactive.CheckAsync(controls.GetByLabel("Flip horizontally"));
        await controls.GetByRole(AriaRole.Button, new() { Name = "Stop camera" }).ClickAsync();

        var tile = grid.Locator(".camera-tile").Filter(new() { HasText = "Yard" });
        await Assertions.Expect(tile.Locator(".camera-tile__state")).ToHaveTextAsync("Stopped", new() { Timeout = 5_000 });
        await Assertions.Expect(controls.GetByRole(AriaRole.Button, new() { Name = "Start camera" })).ToBeVisibleAsync();
        await grid.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("grid-camera-stopped") });
        Assert.Equal(CameraState.Stopped, _app.Cameras.Find("yard")!.State);
        await context.CloseAsync();

        await _app.StopAsync();
        await using var restarted = _app.Restarted();
        var yard = restarted.Cameras.Find("yard");

        Assert.NotNull(yard);
        Assert.False(yard.Definition.Enabled);
        Assert.Equal(new ImageAdjustments { FlipHorizontal = true }, yard.Definition.Image);
        Assert.Equal(CameraState.Stopped, yard.State);
    }
}
