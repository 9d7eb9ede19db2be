using AngleSharp.Dom;
using Bunit.Rendering;
using Dashboard.Tiles;
using Dashboard.Tiles.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Dashboard.Tests.Tiles;

public sealed class CameraGridTests : TileContext
{
    [Fact]
    public async Task GridShowsOneTilePerCameraInOrder()
    {
        await AddCamerasAsync("a", "b", "c");

        var grid = RenderGrid();

        Assert.Equal(["a", "b", "c"], TileCameras(grid));
        Assert.Contains("3 of 3 cameras", grid.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GridShowsOnlyTheChosenCamerasAndRemembersTheChoice()
    {
        await AddCamerasAsync("a", "b", "c");
        var grid = RenderGrid();

        await OpenCameraMenuAsync(grid);
        await grid.FindAll(".camera-picker__item input").First(i => LabelOf(i) == "Camera b").ChangeAsync(new ChangeEventArgs { Value = false });

        grid.WaitForAssertion(() => Assert.Equal(["a", "c"], TileCameras(grid)));
        Assert.Contains("2 of 3 cameras", grid.Markup, StringComparison.Ordinal);
        await Eventually.HoldsAsync(
            async () => !(await Services.GetRequiredService<GridPreferences>().LoadAsync(GridPreferences.AnonymousUser)).Shows("b"),
            "the choice is stored");

        // A new visit (another page, a reload) starts from the stored choice.
        await DisposeComponentsAsync();
        var again = RenderGrid();
        again.WaitForAssertion(() => Assert.Equal(["a", "c"], TileCameras(again)));
    }

    [Fact]
    public async Task EachSignedInUserHasTheirOwnChoice()
    {
        await AddCamerasAsync("a", "b");
        var preferences = Services.GetRequiredService<GridPreferences>();
        await preferences.SaveAsync("alice", GridPreference.Default.WithCamera("a", shown: false));
        Authorization.SetAuthorized("alice");

        var grid = RenderGrid();

        grid.WaitForAssertion(() => Assert.Equal(["b"], TileCameras(grid)));
        Assert.True((await preferences.LoadAsync("bob")).Shows("a"));
    }

    [Fact]
    public async Task TileSizeIsRemembered()
    {
        await AddCamerasAsync("a");
        var grid = RenderGrid();
        Assert.NotNull(grid.Find(".tile-grid--medium"));

        await grid.FindAll("button").First(b => b.TextContent.Trim() == "Large").ClickAsync(new());

        grid.WaitForAssertion(() => Assert.NotNull(grid.Find(".tile-grid--large")));
        await Eventually.HoldsAsync(
            async () => (await Services.GetRequiredService<GridPreferences>().LoadAsync(GridPreferences.AnonymousUser)).Size == TileSize.Large,
            "the size is stored");
        await DisposeComponentsAsync();
        var again = RenderGrid();
        again.WaitForAssertion(() => Assert.NotNull(again.Find(".tile-grid--large")));
    }

    [Fact]
    public void WithoutCamerasTheGridLinksToWhereCamerasAreAdded()
    {
        var grid = RenderGrid();

        var empty = grid.WaitForElement(".camera-grid__empty");
        Assert.Contains("no cameras yet", empty.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("cameras", empty.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(grid.FindAll(".camera-tile"));
    }

    [Fact]
    public async Task WhenEveryCameraIsHiddenTheGridOffersToShowThemAll()
    {
        await AddCamerasAsync("a", "b");
        await Services.GetRequiredService<GridPreferences>().SaveAsync(
            GridPreferences.AnonymousUser, GridPreference.Default.WithCamera("a", false).WithCamera("b", false));
        var grid = RenderGrid();

        var empty = grid.WaitForElement(".camera-grid__empty");
        Assert.Contains("All 2 cameras are hidden", empty.TextContent, StringComparison.Ordinal);
        await empty.QuerySelectorAll("button").Single(b => b.TextContent.Contains("Show all", StringComparison.Ordinal)).ClickAsync(new());

        grid.WaitForAssertion(() => Assert.Equal(["a", "b"], TileCameras(grid)));
    }

    [Fact]
    public async Task LiveNumbersRefreshWithoutReloading()
    {
        var camera = (await AddCamerasAsync("a"))[0];
        var grid = RenderGrid();
        Assert.Equal("Idle", grid.Find(".camera-tile__state").TextContent.Trim());

        await using var viewer = camera.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Feed });

        grid.WaitForAssertion(
            () =>
            {
                Assert.Equal("Streaming", grid.Find(".camera-tile__state").TextContent.Trim());
                Assert.Equal("1", grid.Find(".camera-tile__viewers").TextContent.Trim());
            },
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CamerasAddedOrRemovedWhileOpenAppearAndDisappear()
    {
        await AddCamerasAsync("a");
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(["a"], TileCameras(grid)));

        await AddCamerasAsync("b");
        grid.WaitForAssertion(() => Assert.Equal(["a", "b"], TileCameras(grid)), TimeSpan.FromSeconds(5));

        await Registry.RemoveAsync("a");
        grid.WaitForAssertion(() => Assert.Equal(["b"], TileCameras(grid)), TimeSpan.FromSeconds(5));
    }

    private async Task<List<Camera>> AddCamerasAsync(params string[] ids)
    {
        var added = new List<Camera>();
        foreach (var id in ids)
        {
            added.Add(await Registry.AddOrUpdateAsync(new ConfiguredCamera(TileTestServices.TestPattern(id, $"Camera {id}"))));
        }

        return added;
    }

    private IRenderedComponent<ContainerFragment> RenderGrid() => RenderWithProviders<CameraGrid>();

    private static List<string?> TileCameras(IRenderedComponent<ContainerFragment> grid) =>
        [.. grid.FindAll(".camera-tile img").Select(img => img.GetAttribute("data-camera"))];

    private static async Task OpenCameraMenuAsync(IRenderedComponent<ContainerFragment> grid)
    {
        await grid.FindAll("button").First(b => b.TextContent.Trim() == "Cameras").ClickAsync(new());
        grid.WaitForAssertion(() => Assert.NotEmpty(grid.FindAll(".camera-picker__item input")));
    }

    private static string LabelOf(IElement input) =>
        input.Closest("label")?.TextContent.Trim() ?? input.ParentElement?.ParentElement?.TextContent.Trim() ?? "";
}
