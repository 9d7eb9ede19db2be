using Dashboard.Tests.Support;
using Dashboard.Tests.Tiles;
using Microsoft.Playwright;

namespace Dashboard.Tests.Motion;

/// <summary>The moving square's camera at 4:3, so its 16:9 tile shows the picture pillarboxed.</summary>
public sealed class PillarboxedMotionDashboardApp : MotionDashboardApp
{
    public override int Width => 240;
}

/// <summary>On a pillarboxed tile the motion outline is placed on the picture, not on its wider box.</summary>
[Collection(ChromiumTests.Name)]
public sealed class MotionOutlineInChromiumTests(ChromiumFixture chromium, PillarboxedMotionDashboardApp fixture) : IClassFixture<PillarboxedMotionDashboardApp>
{
    [Fact]
    public async Task ThePillarboxedTilesOverlayCoversThePictureAndTheOutlineStaysOnIt()
    {
        await using var context = await chromium.Browser.NewSignedInContextAsync(fixture.App);
        var page = await context.NewPageAsync();
        await GridPage.OpenAsync(page);
        var image = page.GetByRole(AriaRole.Img, new() { Name = "Live view of yard" });
        await page.WaitForFunctionAsync("() => [...document.images].some(i => i.alt === 'Live view of yard' && i.naturalWidth > 0)", null, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator(".motion-outline[data-camera=yard]")).ToHaveCountAsync(1, new() { Timeout = 10_000 });

        // Where object-fit: contain puts the 4:3 picture in the 16:9 box: centred, full height.
        var r = await image.EvaluateAsync<double[]>(
            """
            i => {
                const b = i.getBoundingClientRect();
                const s = Math.min(b.width / i.naturalWidth, b.height / i.naturalHeight);
                return [b.left + (b.width - i.naturalWidth * s) / 2, b.top, i.naturalWidth * s, i.naturalHeight * s, b.width];
            }
            """);
        var frame = (await page.Locator(".camera-tile__picture .picture-frame").BoundingBoxAsync())!;
        var outline = await page.Locator(".motion-outline[data-camera=yard]").BoundingBoxAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("motion-outline-pillarboxed-tile") });

        Assert.True(r[2] < r[4] - 10, "the picture is narrower than its box");
        Assert.True(Math.Abs(frame.X - r[0]) < 1.5 && Math.Abs(frame.Width - r[2]) < 1.5 && Math.Abs(frame.Height - r[3]) < 1.5, $"overlay {frame.X},{frame.Width}x{frame.Height}; picture {r[0]},{r[2]}x{r[3]}");
        if (outline is not null)
        {
            Assert.True(outline.X >= frame.X - 1 && outline.X + outline.Width <= frame.X + frame.Width + 1, "the outline lies on the picture");
        }
    }
}
