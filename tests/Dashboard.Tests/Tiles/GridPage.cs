using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.Tests.Tiles;

/// <summary>The home page's grid in Chromium: open it (signing in first when the app asks), read the tiles' frame counters.</summary>
internal static class GridPage
{
    public const string TileImages = "img.camera-tile__image";

    /// <summary>Opens the grid (<c>/</c>) in a signed-in page and waits until it is on screen.</summary>
    public static async Task OpenAsync(IPage page)
    {
        await page.GotoAsync("", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Live", Exact = true }).WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
    }

    public static async Task WaitForTilesAsync(IPage page, int count) =>
        await page.WaitForFunctionAsync($"document.querySelectorAll('{TileImages}').length === {count}", null, new PageWaitForFunctionOptions { Timeout = 20_000 });

    /// <summary>Frames each tile has shown so far (the counter tiles.js keeps in <c>data-frames</c>), in grid order.</summary>
    public static async Task<int[]> FramesAsync(IPage page) =>
        JsonSerializer.Deserialize<int[]>(await page.EvaluateAsync<string>(
            $"JSON.stringify([...document.querySelectorAll('{TileImages}')].map(img => Number(img.dataset.frames || 0)))"))!;

    /// <summary>Waits until every tile has shown more frames than in <paramref name="before"/>, polling the page.</summary>
    public static async Task WaitForNewFramesInEveryTileAsync(IPage page, int[] before, TimeSpan timeout)
    {
        var now = before;
        await Eventually.HoldsAsync(
            async () =>
            {
                now = await FramesAsync(page);
                return now.Length == before.Length && now.Zip(before).All(pair => pair.First > pair.Second);
            },
            $"every tile shows a new frame within {timeout.TotalSeconds:0.#} s (frames before: {string.Join(",", before)})",
            timeout);
    }
}
