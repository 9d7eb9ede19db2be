using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>
/// Pages are prerendered: their fields exist before the circuit connects, and what is typed then never reaches
/// the server. A field with a counter echoes the server's value, so typing until the counter agrees proves the
/// page is live (and a following click is handled).
/// </summary>
internal static class Interactive
{
    public static async Task FillAsync(IPage page, string label, string value, int counterMaximum)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(value);
        var echo = page.GetByText($"{value.Length} / {counterMaximum}", new() { Exact = true });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await page.GetByLabel(label, new() { Exact = true }).FillAsync(value);
            try
            {
                await echo.WaitForAsync(new LocatorWaitForOptions { Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Not live yet: type again.
            }
        }
    }

    /// <summary>Clicks <paramref name="button"/> until <paramref name="shown"/> appears (a click before the circuit is live is lost).</summary>
    public static async Task ClickUntilAsync(ILocator button, ILocator shown)
    {
        ArgumentNullException.ThrowIfNull(button);
        ArgumentNullException.ThrowIfNull(shown);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await shown.IsVisibleAsync())
        {
            if (await button.IsVisibleAsync())
            {
                await button.ClickAsync();
            }

            try
            {
                await shown.WaitForAsync(new LocatorWaitForOptions { Timeout = 1_000 });
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Not live yet: click again.
            }
        }
    }

    /// <summary>
    /// Clicks the switch or radio <paramref name="toggle"/> until the server renders it checked. It shows the server's
    /// value, so Playwright's own check fails when the click precedes the circuit or its round trip is slow.
    /// </summary>
    public static async Task CheckAsync(ILocator toggle)
    {
        ArgumentNullException.ThrowIfNull(toggle);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await toggle.IsCheckedAsync())
        {
            await toggle.ClickAsync();
            try
            {
                await Assertions.Expect(toggle).ToBeCheckedAsync(new() { Timeout = 3_000 });
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // Not live yet: click again.
            }
        }
    }
}
