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
}
