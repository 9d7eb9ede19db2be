using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

/// <summary>
/// Zones drawn in headless Chromium by clicking over the camera page's live picture (a 16:9 camera, also in a
/// window so short that the picture is pillarboxed in its box), stored as the fractions of the picture clicked,
/// and an Ignore zone over the moving square really stops it counting as motion.
/// </summary>
public sealed class ZoneEditorInChromiumTests(ChromiumFixture chromium, MotionDashboardApp fixture) : ChromiumTest(chromium), IClassFixture<MotionDashboardApp>
{
    private const string Camera = MotionDashboardApp.CameraId;
    private const double Tolerance = 0.01;

    private readonly DashboardApp _app = fixture.App;

    // The square moves through the middle band (y 0.28-0.61), so these corner zones leave its motion counting.
    [Theory]
    [InlineData(800, false, "Bottom left")]
    [InlineData(480, true, "Bottom right")]
    public async Task AZoneClickedOverThePictureIsStoredAsTheFractionsOfThePictureClicked(int windowHeight, bool letterboxed, string name)
    {
        await using var context = await Browser.NewSignedInContextAsync(_app, viewport: new() { Width = 1280, Height = windowHeight });
        var page = await OpenCameraPageAsync(context);
        var picture = await LivePicture.PlacementAsync(Image(page));
        Assert.Equal(letterboxed, picture.Width < picture.BoxWidth - 2);
        await Eventually.HoldsAsync(async () => picture.Covers((await page.Locator(".camera-view .picture-frame").BoundingBoxAsync())!), "the overlay lies on the picture");

        ZonePoint[] corners = letterboxed ? [new(0.6, 0.72), new(0.95, 0.72), new(0.95, 0.97), new(0.6, 0.97)] : [new(0.05, 0.72), new(0.4, 0.72), new(0.25, 0.97)];
        await DrawAsync(page, corners);
        await page.GetByLabel("Zone name").Last.FillAsync(name);
        if (letterboxed)
        {
            await Interactive.CheckAsync(page.GetByRole(AriaRole.Radio, new() { Name = "Include" }).Last);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath(letterboxed ? "zone-editor-letterboxed" : "zone-editor") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save zones" }).ClickAsync();

        var zone = await StoredZoneAsync(name);
        Assert.Equal(letterboxed ? MotionZoneMode.Include : MotionZoneMode.Ignore, zone.Mode);
        Assert.Equal(corners.Length, zone.Points.Count);
        for (var i = 0; i < corners.Length; i++)
        {
            Assert.True(Math.Abs(zone.Points[i].X - corners[i].X) < Tolerance && Math.Abs(zone.Points[i].Y - corners[i].Y) < Tolerance, $"corner {i}: clicked {corners[i]}, stored {zone.Points[i]}");
        }

        // Include zones anywhere would make the rest of the picture not count: put it back for the other tests.
        if (letterboxed)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Edit zones" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Delete zone {name}" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save zones" }).ClickAsync();
            await Eventually.HoldsAsync(async () => (await _app.StoredCameraAsync(Camera))!.Definition.Motion.Zones.All(z => z.Name != name), "the zone is deleted");
        }
    }

    [Fact]
    public async Task AnIgnoreZoneSavedOverTheMovingSquareStopsItCountingAsMotion()
    {
        await using var context = await Browser.NewSignedInContextAsync(_app);
        var page = await OpenCameraPageAsync(context);
        await Assertions.Expect(page.GetByRole(AriaRole.Status, new() { Name = "Motion on yard" })).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await DrawAsync(page, [new(0.003, 0.1), new(0.997, 0.1), new(0.997, 0.7), new(0.003, 0.7)]);
        await page.GetByLabel("Zone name").Last.FillAsync("Road");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save zones" }).ClickAsync();
        await StoredZoneAsync("Road");
        await Eventually.HoldsAsync(() => _app.Cameras.Find(Camera)!.Definition.Motion.Zones.Any(z => z.Name == "Road"), "the camera runs with the zone");

        // Two loops of the scene (3 s each, the square moving for 1.2 s of each), checked 5 times a second.
        var motion = _app.Services.GetRequiredService<MotionService>();
        var from = motion.StatusOf(Camera).Checks + 2;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var status in motion.WatchAsync(Camera, timeout.Token))
        {
            Assert.False(status.Checks > from && status.Moving, $"check {status.Checks} saw motion {status.Score:P1} inside the ignored zone");
            if (status.Checks > from + 30)
            {
                break;
            }
        }

        Assert.True(motion.StatusOf(Camera).Checks > from + 30, "the checks went on");
    }

    private static async Task<IPage> OpenCameraPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"cameras/{Camera}", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        return page;
    }

    /// <summary>Clicks the corners over the picture (each a fraction of it) and closes the zone with Finish.</summary>
    private static async Task DrawAsync(IPage page, ZonePoint[] corners)
    {
        var addZone = page.GetByRole(AriaRole.Button, new() { Name = "Add zone" });
        await Interactive.ClickUntilAsync(page.GetByRole(AriaRole.Button, new() { Name = "Edit zones" }), addZone);
        await addZone.ClickAsync();
        var layer = page.GetByRole(AriaRole.Application, new() { Name = "Picture: click to add a corner of the zone" });
        await Assertions.Expect(layer).ToBeVisibleAsync();

        // The buttons are below the picture: bring it back into view, then see where it is.
        await Image(page).ScrollIntoViewIfNeededAsync();
        var picture = await LivePicture.PlacementAsync(Image(page));
        var existing = await page.Locator("circle.zone-point").CountAsync();
        for (var i = 0; i < corners.Length; i++)
        {
            await page.Mouse.ClickAsync((float)(picture.X + (corners[i].X * picture.Width)), (float)(picture.Y + (corners[i].Y * picture.Height)));
            await Assertions.Expect(page.Locator("circle.zone-point")).ToHaveCountAsync(existing + i + 1);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Finish zone" }).ClickAsync();
        await Assertions.Expect(layer).ToBeHiddenAsync();
    }

    private static ILocator Image(IPage page) => page.GetByRole(AriaRole.Img, new() { Name = "Live view of yard" });

    private async Task<MotionZone> StoredZoneAsync(string name)
    {
        MotionZone? zone = null;
        await Eventually.HoldsAsync(
            async () => (zone = (await _app.StoredCameraAsync(Camera))!.Definition.Motion.Zones.FirstOrDefault(z => z.Name == name)) is not null,
            $"zone '{name}' is stored");
        return zone!;
    }
}
