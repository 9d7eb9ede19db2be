using System.Security.Cryptography;
using Microsoft.Playwright;
using Streaming.Http;

namespace Dashboard.Tests.RaspberryPi;

/// <summary>
/// The linux-arm64 build (what a Raspberry Pi runs) works: emulated by qemu-user, it streams and serves the dashboard.
/// Not in the shared Chromium collection but first, with a browser of its own (<see cref="LongLanesFirst"/>), so the
/// emulated start (and the publish, when scripts/test.sh has not made the build) runs beside the other tests.
/// </summary>
[Collection(LongLanesFirst.Arm64Build)]
public sealed class Arm64UnderQemuTests(PublishedArm64App app, ChromiumFixture chromium) : IClassFixture<PublishedArm64App>, IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Emulated = TimeSpan.FromSeconds(120);

    [Fact]
    public void TheBuildIsAnArm64ExecutableAndSaysWhetherItHasOpenCv()
    {
        var header = File.ReadAllBytes(Path.Combine(app.BuildDirectory, "Dashboard"))[..20];

        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(183, BitConverter.ToUInt16(header, 18)); // e_machine: EM_AARCH64
        Assert.True(app.PublishOutput.Length == 0 || app.PublishOutput.Contains("(OpenCV: ", StringComparison.Ordinal), app.PublishOutput);
    }

    [Fact]
    public async Task ItServesALiveFeedOfAnImageSequenceCamera()
    {
        var samples = Directory.GetFiles(Path.Combine(app.BuildDirectory, "Samples", "ImageSequence"), "*.jpg")
            .Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).ToHashSet();
        using var client = WithoutOpenCvTests.Client(app.Address);
        using var response = await client.GetAsync(new Uri($"{FeedRoutes.Feed("yard")}?parts=standard", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = await MjpegFeed.ReadAsync(response);
        using var reading = new CancellationTokenSource(Emulated);

        var pictures = new HashSet<string>();
        while (pictures.Count < 2)
        {
            var part = await reader.ReadPartAsync(reading.Token);
            Assert.True(part is { IsWholeJpeg: true }, "whole JPEG parts");
            if (!part.IsPlaceholder)
            {
                var hash = Convert.ToHexString(SHA256.HashData(part.Body));
                Assert.Contains(hash, samples);
                pictures.Add(hash);
            }
        }
    }

    [Fact]
    public async Task TheSignInPageAndTheTilePageLoadInChromium()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout((float)Emulated.TotalMilliseconds);
        var page = await context.NewPageAsync();

        await page.GotoAsync("", new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = (float)Emulated.TotalMilliseconds });
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("User name").FillAsync(DashboardApp.AdminUser);
        await page.GetByLabel("Password").FillAsync(DashboardApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPathAsync("/");

        // The grid (Blazor's circuit, MudBlazor from wwwroot) shows the camera's tile with a changing picture.
        var tile = page.GetByRole(AriaRole.Img, new() { Name = "Live view of Yard" });
        await tile.WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Emulated.TotalMilliseconds });
        await LivePicture.WaitUntilItChangesAsync(tile);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("arm64-qemu-grid") });
    }
}
