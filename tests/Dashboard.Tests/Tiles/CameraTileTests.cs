using Dashboard.Tiles.Components;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Dashboard.Tests.Tiles;

public sealed class CameraTileTests : TileContext
{
    [Fact]
    public async Task TileShowsNameStateCaptureRateAndViewers()
    {
        var camera = await Registry.AddOrUpdateAsync(new ConfiguredCamera(TileTestServices.TestPattern("porch", "Front porch")));
        var cut = Render<CameraTile>(p => p.Add(t => t.Camera, camera));

        Assert.Equal("Front porch", cut.Find(".camera-tile__name").TextContent.Trim());
        Assert.Equal("Idle", cut.Find(".camera-tile__state").TextContent.Trim());
        Assert.Equal("0", cut.Find(".camera-tile__viewers").TextContent.Trim());
        Assert.Equal("Live view of Front porch", cut.Find("img").GetAttribute("alt"));
        Assert.Equal("cameras/porch", cut.Find("a.camera-tile__link").GetAttribute("href"));

        // Someone watches: the camera streams, and the tile says so when it renders next.
        await using var viewer = camera.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Feed });
        await Eventually.HoldsAsync(() => camera.State == CameraState.Streaming && camera.ReadStatistics().CaptureFps > 0, "the camera streams");
        cut.Render();

        Assert.Equal("Streaming", cut.Find(".camera-tile__state").TextContent.Trim());
        Assert.Equal("1", cut.Find(".camera-tile__viewers").TextContent.Trim());
        var fps = cut.FindAll(".camera-tile__stat")[0].TextContent.Trim();
        Assert.Matches(@"^\d+(\.\d)? fps$", fps);
        Assert.NotEqual("0 fps", fps);
    }

    [Fact]
    public async Task FailedCameraShowsItsErrorInATooltipToAnOperator()
    {
        Authorization.SetAuthorized("olga").SetPolicies(Dashboard.Access.DashboardPolicies.Operate);
        var camera = await Registry.AddOrUpdateAsync(new ConfiguredCamera(TileTestServices.Broken("garage")));
        Assert.Equal(CameraState.Failed, camera.State);
        var cut = RenderWithProviders<CameraTile>((nameof(CameraTile.Camera), camera));

        Assert.Equal("Failed", cut.Find(".camera-tile__state").TextContent.Trim());
        Assert.DoesNotContain(camera.Status.LastError!, cut.Markup, StringComparison.Ordinal);

        await cut.Find(".mud-tooltip-root").TriggerEventAsync("onpointerenter", new Microsoft.AspNetCore.Components.Web.PointerEventArgs());

        cut.WaitForAssertion(() => Assert.Contains(camera.Status.LastError!, cut.Find(".mud-tooltip").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedCameraShowsAViewerItsStateButNotItsError()
    {
        Authorization.SetAuthorized("vera");
        var camera = await Registry.AddOrUpdateAsync(new ConfiguredCamera(TileTestServices.Broken("garage")));
        var cut = Render<CameraTile>(p => p.Add(t => t.Camera, camera));

        Assert.Equal("Failed", cut.Find(".camera-tile__state").TextContent.Trim());
        Assert.Empty(cut.FindAll(".mud-tooltip-root"));
    }

    [Fact]
    public async Task StreamingCameraHasNoErrorTooltip()
    {
        // An operator, who would see a failed camera's error in a tooltip.
        Authorization.SetAuthorized("olga").SetPolicies(Dashboard.Access.DashboardPolicies.Operate);
        var camera = await Registry.AddOrUpdateAsync(new ConfiguredCamera(TileTestServices.TestPattern("porch")));
        await using var viewer = camera.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Feed });
        await Eventually.HoldsAsync(() => camera.State == CameraState.Streaming && camera.ReadStatistics().CaptureFps > 0, "the camera streams");

        var cut = Render<CameraTile>(p => p.Add(t => t.Camera, camera));

        Assert.Equal("Streaming", cut.Find(".camera-tile__state").TextContent.Trim());
        Assert.Empty(cut.FindAll(".mud-tooltip-root"));
    }

    [Fact]
    public async Task FullScreenButtonAsksTheScriptToToggleFullScreen()
    {
        var camera = await Registry.AddOrUpdateAsync(new ConfiguredCamera(TileTestServices.TestPattern("porch", "Porch")));
        var module = JSInterop.SetupModule(TileScript.Path);
        var cut = Render<CameraTile>(p => p.Add(t => t.Camera, camera));
        cut.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "watchOverSocket"));

        await cut.Find("button[aria-label='Full screen: Porch']").ClickAsync(new());

        Assert.Single(module.Invocations, i => i.Identifier == "toggleFullscreen");
    }
}
