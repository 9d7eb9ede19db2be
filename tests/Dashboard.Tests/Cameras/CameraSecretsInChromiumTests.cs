using System.Collections.Concurrent;
using System.Text;
using Dashboard.Cameras;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Cameras;

/// <summary>
/// In Debian's Chromium: no page shows a camera's credentials, viewers see no error naming the source, and the
/// edit form gets the credentials masked (write-only). Nothing the server sends over the Blazor circuit holds them.
/// </summary>
public sealed class CameraSecretsInChromiumTests(ChromiumFixture chromium, SecretCamerasApp cameras) : ChromiumTest(chromium), IClassFixture<SecretCamerasApp>
{
    private string MaskedUrl => $"rtsp://***@127.0.0.1:{cameras.Port}/x?user=***&pwd=***";

    [Fact]
    public async Task AViewerSeesTheCamerasListAndTheCameraPageWithNoCredentialAndNoErrorNamingTheSource()
    {
        await cameras.FailingCamerasHaveFailedAsync();
        await using var context = await Browser.NewSignedInContextAsync(cameras.App, SecretCamerasApp.Viewer, SecurityApp.Password);
        var page = await context.NewPageAsync();
        var received = Capture(page);

        await page.GotoAsync("cameras", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("tr[data-camera=door] .camera-source")).ToHaveTextAsync(MaskedUrl);
        await Assertions.Expect(page.Locator("tr[data-camera=pi] .camera-state")).ToHaveTextAsync("Reconnecting");
        SecretCamerasApp.AssertHoldsNoSecret(await page.ContentAsync(), "the Cameras list");

        await page.GotoAsync("cameras/door", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Door" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".camera-state").First).ToHaveTextAsync("Reconnecting");
        var html = await page.ContentAsync();
        SecretCamerasApp.AssertHoldsNoSecret(html, "the camera page");
        Assert.DoesNotContain($"127.0.0.1:{cameras.Port}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Camera 'door':", html, StringComparison.Ordinal);
        AssertNoSecretSent(received);
    }

    [Fact]
    public async Task AnOperatorSeesWhyTheCameraFailsWithTheCredentialsMasked()
    {
        await cameras.FailingCamerasHaveFailedAsync();
        await using var context = await Browser.NewSignedInContextAsync(cameras.App, SecretCamerasApp.Operator, SecurityApp.Password);
        var page = await context.NewPageAsync();

        await page.GotoAsync("cameras/door", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

        await Assertions.Expect(page.Locator(".mud-alert").Filter(new() { HasText = "Camera 'door':" })).ToContainTextAsync(MaskedUrl);
        SecretCamerasApp.AssertHoldsNoSecret(await page.ContentAsync(), "the operator's camera page");
    }

    [Fact]
    public async Task TheEditFormShowsTheCredentialMaskedAndSavingWithoutTouchingItKeepsTheStoredOne()
    {
        await using var context = await Browser.NewSignedInContextAsync(cameras.App, SecretCamerasApp.Operator, SecurityApp.Password);
        var page = await context.NewPageAsync();
        var received = Capture(page);

        await page.GotoAsync("cameras/gate/edit", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var url = page.GetByLabel("Url", new() { Exact = true });
        await Assertions.Expect(url).ToHaveValueAsync(MaskedUrl);
        await Assertions.Expect(page.GetByText("A credential is set.")).ToBeVisibleAsync();
        SecretCamerasApp.AssertHoldsNoSecret(await page.ContentAsync(), "the edit form");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("camera-form-credential-masked") });

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Front gate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForPathAsync("/cameras/gate");

        var stored = await cameras.App.StoredCameraAsync("gate");
        Assert.Equal(("Front gate", cameras.Url), (stored!.Definition.Name, stored.Definition.Url));
        AssertNoSecretSent(received);
    }

    [Fact]
    public async Task TypingOverTheMaskReplacesTheCredentialAndKeepsTheOthers()
    {
        await using var context = await Browser.NewSignedInContextAsync(cameras.App, SecretCamerasApp.Operator, SecurityApp.Password);
        var page = await context.NewPageAsync();

        await page.GotoAsync("cameras/shed/edit", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var url = page.GetByLabel("Url", new() { Exact = true });
        await Assertions.Expect(url).ToHaveValueAsync(MaskedUrl);
        await url.FillAsync($"rtsp://shed:n3w-Pass@127.0.0.1:{cameras.Port}/x?user=***&pwd=***");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForPathAsync("/cameras/shed");

        Assert.Equal($"rtsp://shed:n3w-Pass@127.0.0.1:{cameras.Port}/x?user=camuser&pwd=secret-9", (await cameras.App.StoredCameraAsync("shed"))!.Definition.Url);
    }

    [Fact]
    public async Task ClearingTheCredentialStoresTheUrlWithoutIt()
    {
        await using var context = await Browser.NewSignedInContextAsync(cameras.App, SecretCamerasApp.Operator, SecurityApp.Password);
        var page = await context.NewPageAsync();

        await page.GotoAsync("cameras/barn/edit", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear credentials" }).ClickAsync();
        var url = page.GetByLabel("Url", new() { Exact = true });
        await Assertions.Expect(url).ToHaveValueAsync($"rtsp://127.0.0.1:{cameras.Port}/x");
        await Assertions.Expect(page.GetByText("A credential is set.")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForPathAsync("/cameras/barn");

        Assert.Equal($"rtsp://127.0.0.1:{cameras.Port}/x", (await cameras.App.StoredCameraAsync("barn"))!.Definition.Url);
    }

    [Fact]
    public async Task SavingAFormSomeoneElseSavedMeanwhileShowsTheirChangeAndKeepsIt()
    {
        await using var context = await Browser.NewSignedInContextAsync(cameras.App, SecretCamerasApp.Operator, SecurityApp.Password);
        var page = await context.NewPageAsync();
        await page.GotoAsync("cameras/hall/edit", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeVisibleAsync();

        await using (var scope = cameras.App.Services.CreateAsyncScope())
        {
            var management = scope.ServiceProvider.GetRequiredService<CameraManagement>();
            var ottos = await management.OpenForEditAsync("hall");
            Assert.True((await management.SaveAsync(await cameras.App.PrincipalAsync(SecretCamerasApp.OtherOperator), ottos!.Camera with { Name = "Main hall" }, ottos)).Succeeded);
        }

        await page.GetByLabel("Fps", new() { Exact = true }).FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var notice = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "changed this camera" });
        await Assertions.Expect(notice).ToContainTextAsync($"{SecretCamerasApp.OtherOperator} changed this camera at ");
        await Assertions.Expect(notice).ToContainTextAsync("(Name: Hall -> Main hall)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("camera-form-edit-conflict") });
        Assert.EndsWith("/cameras/hall/edit", page.Url, StringComparison.Ordinal);
        var stored = await cameras.App.StoredCameraAsync("hall");
        Assert.Equal(("Main hall", 10.0), (stored!.Definition.Name, stored.Definition.Fps));
    }

    /// <summary>Everything the server sends the page over WebSockets (the Blazor circuit, the tile socket).</summary>
    private static ConcurrentQueue<byte[]> Capture(IPage page)
    {
        var received = new ConcurrentQueue<byte[]>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            received.Enqueue(frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? ""));
        return received;
    }

    private static void AssertNoSecretSent(ConcurrentQueue<byte[]> received)
    {
        Assert.NotEmpty(received);
        var all = string.Join('\n', received.Select(bytes => Encoding.UTF8.GetString(bytes)));
        SecretCamerasApp.AssertHoldsNoSecret(all, "a WebSocket message to the browser");
    }
}
