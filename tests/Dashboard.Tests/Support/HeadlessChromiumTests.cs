namespace Dashboard.Tests.Support;

/// <summary>
/// The run's Chromium does only what the tests ask of it. A browser update that renames the features
/// <see cref="HeadlessChromium.Arguments"/> turns off would bring back a WebUI renderer per context: this says so.
/// </summary>
public sealed class HeadlessChromiumTests(ChromiumFixture chromium) : ChromiumTest(chromium)
{
    [Fact]
    public async Task ANewContextOpensItsPageAndNoBrowserUiBesideIt()
    {
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("about:blank");
        var session = await Browser.NewBrowserCDPSessionAsync();

        var targets = await session.SendAsync("Target.getTargets") ?? throw new InvalidOperationException("Target.getTargets answered nothing.");
        await session.DetachAsync();
        var kinds = targets.GetProperty("targetInfos").EnumerateArray()
            .Select(t => $"{t.GetProperty("type").GetString()} {t.GetProperty("url").GetString()}")
            .ToList();

        Assert.Contains("page about:blank", kinds);
        Assert.DoesNotContain(kinds, k => k.StartsWith("browser_ui ", StringComparison.Ordinal));
    }
}
