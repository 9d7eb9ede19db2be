using Dashboard.Motion;
using Dashboard.Motion.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Motion;

/// <summary>The Events page in headless Chromium: a stored clip (50 numbered frames over 4.9 s) played in the dialog.</summary>
public sealed class EventsInChromiumTests(ChromiumFixture chromium, StoredClipApp fixture) : ChromiumTest(chromium), IClassFixture<StoredClipApp>
{
    /// <summary>A small copy of what the player's picture shows now, as text (same origin, so the canvas may be read).</summary>
    private const string Pixels = """
        () => {
            const img = document.querySelector('.clip-player__picture');
            if (!img || img.naturalWidth === 0) return '';
            const canvas = document.createElement('canvas');
            canvas.width = 32; canvas.height = 18;
            const g = canvas.getContext('2d');
            g.drawImage(img, 0, 0, 32, 18);
            return Array.from(g.getImageData(0, 0, 32, 18).data).join(',');
        }
        """;

    private readonly DashboardApp _app = fixture.App;

    private static async Task<int> FrameAsync(ILocator status) => int.Parse((await status.GetAttributeAsync("data-frame"))!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string because) =>
        await Eventually.HoldsAsync(condition, because, TimeSpan.FromSeconds(10));

    [Fact]
    public async Task TheEventsPagePlaysAClipThatPausesSeeksEndsAndStopsOnTheServerWhenClosed()
    {
        var players = _app.Services.GetRequiredService<ClipPlayers>();
        await using var context = await Browser.NewSignedInContextAsync(_app);
        var page = await context.NewPageAsync();
        await page.GotoAsync("events", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

        await page.GetByRole(AriaRole.Button, new() { Name = $"Play clip of Front porch at {EventsPage.Utc(fixture.Clip.Event.Start)}" }).ClickAsync(new() { Timeout = 15_000 });

        var dialog = page.GetByRole(AriaRole.Dialog);
        var status = dialog.GetByRole(AriaRole.Status, new() { Name = "Playback" });
        await Assertions.Expect(dialog.GetByRole(AriaRole.Img, new() { Name = "Clip of Front porch" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.WaitForFunctionAsync("() => document.querySelector('.clip-player__picture')?.naturalWidth === 320", null, new() { Timeout = 10_000 });
        var shown = await page.EvaluateAsync<string>(Pixels);
        await WaitForAsync(async () => await page.EvaluateAsync<string>(Pixels) is { Length: > 0 } now && now != shown, "the picture changes as the clip plays");
        await WaitForAsync(async () => await FrameAsync(status) >= 5, "the frame counter moves on");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "Paused");
        await WaitForAsync(() => Task.FromResult(players.Streams == 0), "pausing stops the stream on the server");
        var paused = await FrameAsync(status);
        Assert.InRange(paused, 5, 48);

        // Seeking: the slider's new position starts the stream there (frame 35 is on screen at 3.5 s).
        await dialog.GetByRole(AriaRole.Slider).FillAsync("3.5");
        await WaitForAsync(async () => await FrameAsync(status) >= 35, "the stream restarts at the slider's position");
        Assert.Contains("/ 0:04.9", await status.TextContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "Ended", new() { Timeout = 10_000 });
        Assert.Equal(49, await FrameAsync(status));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("events-clip-player") });

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "Playing");
        await WaitForAsync(() => Task.FromResult(players.Streams == 1), "replaying streams the clip again");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await WaitForAsync(() => Task.FromResult(players.Streams == 0), "closing the player stops its stream on the server");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("events-page") });
    }
}
