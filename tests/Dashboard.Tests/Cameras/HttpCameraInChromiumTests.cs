using System.Collections.Concurrent;
using System.Text;
using Dashboard.Access;
using Dashboard.Cameras;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

/// <summary>In Debian's Chromium: an operator edits and tests a stored Http camera; its password never reaches the browser.</summary>
public sealed class HttpCameraInChromiumTests(ChromiumFixture chromium, BasicMjpegServer camera) : ChromiumTest(chromium), IClassFixture<BasicMjpegServer>, IAsyncLifetime
{
    private readonly SecurityApp _app = new();

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync("olga", DashboardRoles.Operator);
        await using var scope = _app.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<CameraManagement>().AddAsync(await _app.PrincipalAsync(DashboardApp.AdminUser), new CameraDefinition
        {
            Id = "gate",
            Name = "Gate",
            Kind = CameraKind.Http,
            Url = camera.Stream.ToString(),
            UserName = BasicMjpegServer.UserName,
            Password = BasicMjpegServer.Password,
        });
        Assert.True(added.Succeeded);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnOperatorSeesThatAPasswordIsSetTestsTheCameraWithItAndSavesWithoutRetypingIt()
    {
        await using var context = await Browser.NewSignedInContextAsync(_app, "olga", SecurityApp.Password);
        var page = await context.NewPageAsync();
        var received = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => received.Enqueue(frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? []));

        await page.GotoAsync("cameras", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("tr[data-camera=gate] .camera-source")).ToHaveTextAsync(camera.Stream.ToString());

        await page.GotoAsync("cameras/gate/edit", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByLabel("User name", new() { Exact = true })).ToHaveValueAsync(BasicMjpegServer.UserName);
        await Assertions.Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync(Redaction.Mask);
        await Assertions.Expect(page.GetByText("A credential is set.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();
        var frame = page.Locator(".camera-test-frame img");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", $"data:image/jpeg;base64,{Convert.ToBase64String(camera.Frame)}", new() { Timeout = 15_000 });
        Assert.Equal(320, await frame.EvaluateAsync<int>("img => img.naturalWidth"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("http-camera-test-frame") });

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Front gate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForPathAsync("/cameras/gate");

        var stored = await _app.StoredCameraAsync("gate");
        Assert.Equal(("Front gate", BasicMjpegServer.Password), (stored!.Definition.Name, stored.Definition.Password));
        Assert.DoesNotContain(BasicMjpegServer.Password, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(received);
        Assert.DoesNotContain(received, text => text.Contains(BasicMjpegServer.Password, StringComparison.Ordinal));
    }
}
