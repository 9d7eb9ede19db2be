using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Motion.Components;
using Dashboard.Tests.Cameras;
using Dashboard.Tests.Tiles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Motion;
using static Dashboard.Tests.Motion.TestZones;

namespace Dashboard.Tests.Motion;

/// <summary>
/// The zone editor over the live picture: corners by clicking (the script answers where on the picture a click
/// was: here, client pixels / 1000), closing, mode, dragging, deleting, saving through camera management; viewers see only.
/// </summary>
public sealed class ZoneEditorTests : CameraManagementContext
{
    private readonly CameraDefinition _yard = TileTestServices.TestPattern("yard", "Yard") with { Motion = new MotionSettings { Enabled = true, Zones = [Tree] } };
    private readonly BunitJSInterop _picture;

    public ZoneEditorTests()
    {
        SignInAs("otto", DashboardRoles.Operator);
        _picture = JSInterop.SetupModule(PictureFrame.ScriptPath);
        _picture.Mode = JSRuntimeMode.Loose;
    }

    public override Task InitializeAsync() => StoreAsync(_yard);

    [Fact]
    public async Task AnOperatorClicksThreeCornersClosesOnTheFirstMakesItAnIncludeZoneAndSavesIt()
    {
        var editor = await EditAsync();
        editor.Find("button:contains('Add zone')").Click();
        ClickPicture(editor, 100, 200);
        ClickPicture(editor, 500, 200);
        ClickPicture(editor, 500, 600);
        editor.Find("circle.zone-point--first").Click();

        var row = editor.FindAll(".zone-row")[1];
        Assert.Contains("3 points", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Zone 2", row.QuerySelector("input[type=text]")!.GetAttribute("value"));
        row.QuerySelector("input[type=text]")!.Input("Path");
        editor.FindAll(".zone-row")[1].QuerySelectorAll("input[type=radio]")[0].Click();
        Assert.Single(editor.FindAll("polygon.zone--include"));
        await SaveAsync(editor);

        var zones = (await StoredAsync("yard")).Motion.Zones;
        Assert.Equal(2, zones.Count);
        Assert.Equal(Tree, zones[0]);
        Assert.Equal(("Path", MotionZoneMode.Include), (zones[1].Name, zones[1].Mode));
        Assert.Equal([new(0.1, 0.2), new(0.5, 0.2), new(0.5, 0.6)], zones[1].Points);
        Assert.Equal(zones, Registry.Find("yard")!.Definition.Motion.Zones);
        Assert.Contains("Motion zones: Tree (ignore, 3 points) -> Tree (ignore, 3 points), Path (include, 3 points)", (await ChangeLogAsync("yard")).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADoubleClickPlacesTheLastCornerOnceAndClosesTheZone()
    {
        var editor = await EditAsync();
        editor.Find("button:contains('Add zone')").Click();
        Assert.True(editor.Find("button:contains('Finish zone')").HasAttribute("disabled"));
        ClickPicture(editor, 100, 100);
        ClickPicture(editor, 300, 100);

        // A double-click is two clicks on one spot, then the dblclick.
        ClickPicture(editor, 300, 300);
        ClickPicture(editor, 300, 300);
        editor.Find("svg.zone-layer").DoubleClick();

        Assert.Contains("3 points", editor.FindAll(".zone-row")[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(editor.FindAll("polyline.zone-draft"));
        Assert.Equal(2, editor.FindAll("polygon.zone--ignore").Count);
    }

    [Fact]
    public async Task DraggingACornerMovesItAndTheClickThatEndsTheDragAddsNothing()
    {
        var editor = await EditAsync();
        editor.FindAll("circle.zone-point")[0].PointerDown();
        var layer = editor.Find("svg.zone-layer");
        Answer(650, 150);
        layer.PointerMove(new PointerEventArgs { ClientX = 650, ClientY = 150, Buttons = 1 });
        layer.PointerUp();
        ClickPicture(editor, 650, 150);
        await SaveAsync(editor);

        var tree = Assert.Single((await StoredAsync("yard")).Motion.Zones);
        Assert.Equal([new(0.65, 0.15), new(0.9, 0.1), new(0.9, 0.4)], tree.Points);
        Assert.Contains("Motion zones: points moved", (await ChangeLogAsync("yard")).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAZoneAndSavingRemovesItAndCancelKeepsWhatWasStored()
    {
        var editor = await EditAsync();
        editor.Find("button[aria-label='Delete zone Tree']").Click();
        Assert.Empty(editor.FindAll("polygon"));
        editor.Find("button:contains('Cancel')").Click();
        Assert.Single(editor.FindAll("polygon.zone--ignore"));
        Assert.Equal([Tree], (await StoredAsync("yard")).Motion.Zones);

        editor.Find("button:contains('Edit zones')").Click();
        editor.WaitForAssertion(() => editor.Find("button[aria-label='Delete zone Tree']").Click());
        await SaveAsync(editor);

        Assert.Empty((await StoredAsync("yard")).Motion.Zones);
    }

    [Fact]
    public async Task AViewerSeesTheZonesInTheirModesColoursButCannotEditThemAndTheServerRefusesTheirSave()
    {
        SignInAs("vera", DashboardRoles.Viewer);
        var editor = Render(zones: [Tree, Tree with { Name = "Gate", Mode = MotionZoneMode.Include }]);

        Assert.Single(editor.FindAll("polygon.zone--ignore"));
        Assert.Single(editor.FindAll("polygon.zone--include"));
        Assert.Empty(editor.FindAll("button:contains('Edit zones')"));
        Assert.Empty(editor.FindAll("circle"));

        var viewer = (await Services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync()).User;
        var management = Services.GetRequiredService<CameraManagement>();
        var draft = await management.OpenForEditAsync("yard");
        var change = await management.SaveAsync(viewer, draft!.Camera with { Motion = draft.Camera.Motion with { Zones = [] } }, draft);
        Assert.False(change.Succeeded);
        Assert.Equal([Tree], (await StoredAsync("yard")).Motion.Zones);
    }

    private IRenderedComponent<ZoneEditor> Render(IReadOnlyList<MotionZone>? zones = null) => Render<ZoneEditor>(p => p
        .Add(e => e.CameraId, "yard")
        .Add(e => e.Zones, zones ?? [Tree])
        .Add(e => e.Picture, (RenderFragment)(b => b.AddMarkupContent(0, "<img alt=\"Live view of Yard\" />"))));

    private async Task<IRenderedComponent<ZoneEditor>> EditAsync()
    {
        var editor = Render();
        await editor.Find("button:contains('Edit zones')").ClickAsync(new MouseEventArgs());
        editor.WaitForAssertion(() => Assert.Single(editor.FindAll(".zone-row")));
        return editor;
    }

    private void ClickPicture(IRenderedComponent<ZoneEditor> editor, double x, double y)
    {
        Answer(x, y);
        editor.Find("svg.zone-layer").Click(new MouseEventArgs { ClientX = x, ClientY = y });
    }

    /// <summary>What the script answers for a pointer at (x, y): the picture is 1000 px square at the page's origin.</summary>
    private void Answer(double x, double y) =>
        _picture.Setup<double[]?>("fraction", i => i.Arguments[1] is double cx && cx == x && i.Arguments[2] is double cy && cy == y).SetResult([x / 1000, y / 1000]);

    private static async Task SaveAsync(IRenderedComponent<ZoneEditor> editor)
    {
        await editor.Find("button:contains('Save zones')").ClickAsync(new MouseEventArgs());
        editor.WaitForAssertion(() => Assert.Empty(editor.FindAll(".zone-row")));
    }
}
