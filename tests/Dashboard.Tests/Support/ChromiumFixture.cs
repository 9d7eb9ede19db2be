using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>
/// One headless Debian Chromium for the whole run, driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots and other artifacts a person can look at after the run.</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(
        Path.Combine(Environment.GetEnvironmentVariable("TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts"), "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(HeadlessChromium.ExecutablePath), $"{HeadlessChromium.ExecutablePath} is missing: install Debian's chromium (the README's test command does).");
        // An expectation waits for a server round trip of a Blazor circuit; with the whole suite on two cores one took
        // over Playwright's default 5 s once (a dialog after a click). A met expectation still returns at once.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = HeadlessChromium.ExecutablePath,
            Headless = true,
            Args = HeadlessChromium.Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    public static string ScreenshotPath(string name) => Path.Combine(ArtifactsDirectory, $"{name}.png");
}

[CollectionDefinition(Name)]
public sealed class ChromiumTests : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}

/// <summary>
/// The base of the browser tests: the run's one Chromium (<see cref="ChromiumFixture"/>), in the collection that runs
/// them one class at a time. Each test makes its own contexts in it.
/// </summary>
[Collection(ChromiumTests.Name)]
public abstract class ChromiumTest(ChromiumFixture chromium)
{
    protected IBrowser Browser => chromium.Browser;
}
