using Dashboard.Tests.Tiles;
using Microsoft.Playwright;

namespace Dashboard.Tests.Motion;

/// <summary>The motion badge and outline in headless Chromium, on the grid's tile and on the camera page.</summary>
public sealed class MotionInChromiumTests(ChromiumFixture chromium, MotionDashboardApp fixture) : ChromiumTest(chromium), IClassFixture<MotionDashboardApp>
{
    private readonly DashboardApp _app = fixture.App;

    [Fact]
    public async Task TheTileShowsTheMotionBadgeAndOutlineWhileTheSquareMovesAndDropsThemAfterwards()
    {
        await using var context = await Browser.NewSignedInContextAsync(_app);
        var page = await context.NewPageAsync();
        await GridPage.OpenAsync(page);
        var badge = page.GetByRole(AriaRole.Status, new() { Name = "Motion on yard" });

        await Assertions.Expect(badge).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator(".motion-outline[data-camera=yard]")).ToHaveCountAsync(1, new() { Timeout = 5_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("motion-badge-tile") });

        // Still for 1.8 s of each 3 s loop, after a quiet time of 0.6 s: the event ends and the badge goes.
        await Assertions.Expect(badge).ToBeHiddenAsync(new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task TheCameraPageShowsTheMotionBadgeOverTheLivePicture()
    {
        await using var context = await Browser.NewSignedInContextAsync(_app);
        var page = await context.NewPageAsync();
        await page.GotoAsync("cameras/yard", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

        var badge = page.GetByRole(AriaRole.Status, new() { Name = "Motion on yard" });
        await Assertions.Expect(badge).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var picture = await page.Locator(".camera-view").BoundingBoxAsync();
        var box = await badge.BoundingBoxAsync();
        Assert.True(box!.X >= picture!.X && box.Y >= picture.Y && box.Y < picture.Y + picture.Height, "the badge is over the picture");
    }
}
