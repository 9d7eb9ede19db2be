using Dashboard.Tests.Tiles;
using Microsoft.Playwright;

namespace Dashboard.Tests.Motion;

/// <summary>The moving square's camera at 4:3, so its 16:9 tile shows the picture pillarboxed.</summary>
public sealed class PillarboxedMotionDashboardApp : MotionDashboardApp
{
    public override int Width => 240;
}

/// <summary>On a pillarboxed tile the motion outline is placed on the picture, not on its wider box.</summary>
public sealed class MotionOutlineInChromiumTests(ChromiumFixture chromium, PillarboxedMotionDashboardApp fixture) : ChromiumTest(chromium), IClassFixture<PillarboxedMotionDashboardApp>
{
    [Fact]
    public async Task ThePillarboxedTilesOverlayCoversThePictureAndTheOutlineStaysOnIt()
    {
        await using var context = await Browser.NewSignedInContextAsync(fixture.App);
        var page = await context.NewPageAsync();
        await GridPage.OpenAsync(page);
        await Assertions.Expect(page.Locator(".motion-outline[data-camera=yard]")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        var picture = await LivePicture.PlacementAsync(page.GetByRole(AriaRole.Img, new() { Name = "Live view of yard" }));
        var overlay = page.Locator(".camera-tile__picture .picture-frame");
        await Eventually.HoldsAsync(async () => picture.Covers((await overlay.BoundingBoxAsync())!), "the overlay lies on the picture");
        var frame = (await overlay.BoundingBoxAsync())!;
        var outline = await page.Locator(".motion-outline[data-camera=yard]").BoundingBoxAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("motion-outline-pillarboxed-tile") });

        Assert.True(picture.Width < picture.BoxWidth - 10, "the picture is narrower than its box");
        if (outline is not null)
        {
            Assert.True(outline.X >= frame.X - 1 && outline.X + outline.Width <= frame.X + frame.Width + 1, "the outline lies on the picture");
        }
    }
}
