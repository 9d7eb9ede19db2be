using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Cameras.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Streaming.Cameras;
using Streaming.Sources;
using Streaming.Sources.Http;

namespace Dashboard.Tests.Cameras;

/// <summary>The camera form for an Http camera: its fields, the write-only password and the Test button against a real loopback camera.</summary>
public sealed class HttpCameraFormTests : CameraManagementContext, IClassFixture<BasicMjpegServer>
{
    private readonly BasicMjpegServer _server;

    public HttpCameraFormTests(BasicMjpegServer server)
    {
        _server = server;
        Services.AddHttpCameraClient();
        Services.AddSingleton<IFrameSourceFactory>(s => new FrameSourceFactory(TimeProvider.System, s.GetRequiredService<IHttpClientFactory>()));
        Services.AddSingleton<CameraConnectionTest>();
        SignInAs("olga", DashboardRoles.Operator);
    }

    private CameraFormModel NewHttpCamera(string? url = null, string? password = BasicMjpegServer.Password) => new()
    {
        Id = "gate",
        Kind = CameraKind.Http,
        Url = url ?? _server.Stream.ToString(),
        UserName = BasicMjpegServer.UserName,
        Password = password,
    };

    private IRenderedComponent<CameraForm> RenderForm(CameraFormModel model, bool isNew = true) =>
        Render<CameraForm>(p => p.Add(f => f.Model, model).Add(f => f.IsNew, isNew));

    private static List<string> Labels(IRenderedComponent<CameraForm> form) => [.. form.FindAll("label").Select(l => l.TextContent.Trim())];

    private static void ClickTest(IRenderedComponent<CameraForm> form) =>
        form.FindAll("button").Single(b => b.TextContent.Trim() == "Test").Click();

    [Fact]
    public void TheHttpKindAsksForUrlUserNameAndAPasswordFieldThatBrowsersDoNotFillIn()
    {
        var form = RenderForm(NewHttpCamera(password: null));

        Assert.Contains("Url", Labels(form));
        Assert.Contains("User name", Labels(form));
        Assert.Contains("Password", Labels(form));
        Assert.DoesNotContain("Folder", Labels(form));
        Assert.DoesNotContain("Command", Labels(form));
        var password = form.Find("input[type=password]");
        Assert.Equal("new-password", password.GetAttribute("autocomplete"));
        Assert.Single(form.FindAll("button"), b => b.TextContent.Trim() == "Test");
    }

    [Theory]
    [InlineData(CameraKind.TestPattern)]
    [InlineData(CameraKind.ImageSequence)]
    [InlineData(CameraKind.OpenCv)]
    public void OtherKindsShowNoUserNameNoPasswordAndNoTestButton(CameraKind kind)
    {
        var form = RenderForm(new CameraFormModel { Id = "gate", Kind = kind, Source = CaptureSource.Url });

        Assert.DoesNotContain("User name", Labels(form));
        Assert.DoesNotContain("Password", Labels(form));
        Assert.Empty(form.FindAll("input[type=password]"));
        Assert.DoesNotContain(form.FindAll("button"), b => b.TextContent.Trim() == "Test");
    }

    [Fact]
    public void AStoredPasswordIsNeverRenderedOnlySaidToBeSetAndClearingItRemovesIt()
    {
        var stored = new CameraDefinition { Id = "gate", Kind = CameraKind.Http, Url = _server.Stream.ToString(), UserName = BasicMjpegServer.UserName, Password = BasicMjpegServer.Password };
        var model = CameraFormModel.From(new CameraDraft(CameraCredentials.Mask(stored), 1));

        var form = RenderForm(model, isNew: false);

        Assert.DoesNotContain(BasicMjpegServer.Password, form.Markup, StringComparison.Ordinal);
        Assert.Equal(Redaction.Mask, form.Find("input[type=password]").GetAttribute("value"));
        Assert.Contains("A credential is set.", form.Find(".credential-notice").TextContent, StringComparison.Ordinal);
        Assert.Equal(BasicMjpegServer.Password, CameraCredentials.Restore(model.ToDefinition(), stored).Password);

        form.FindAll("button").Single(b => b.TextContent.Trim() == "Clear credentials").Click();

        Assert.Null(model.ToDefinition().Password);
        Assert.Null(CameraCredentials.Restore(model.ToDefinition(), stored).Password);
        Assert.Empty(form.FindAll(".credential-notice"));
    }

    [Fact]
    public void TheTestButtonShowsTheFirstFrameTheCameraSent()
    {
        var form = RenderForm(NewHttpCamera());

        ClickTest(form);

        form.WaitForAssertion(
            () => Assert.Equal($"data:image/jpeg;base64,{Convert.ToBase64String(_server.Frame)}", form.Find(".camera-test-frame img").GetAttribute("src")),
            TimeSpan.FromSeconds(15));
        Assert.Contains("First frame: 320 x 240", form.Find(".camera-test-frame").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTestButtonUsesTheStoredPasswordWhenTheUserLeftItAlone()
    {
        var stored = new CameraDefinition { Id = "gate", Kind = CameraKind.Http, Url = _server.Stream.ToString(), UserName = BasicMjpegServer.UserName, Password = BasicMjpegServer.Password };
        await Registry.AddOrUpdateAsync(new ConfiguredCamera(stored));
        var form = RenderForm(CameraFormModel.From(new CameraDraft(CameraCredentials.Mask(stored), 1)), isNew: false);

        ClickTest(form);

        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll(".camera-test-frame img")), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task TheStoredPasswordIsNotSentToAnotherServerTheUserTyped()
    {
        var stored = new CameraDefinition { Id = "gate", Kind = CameraKind.Http, Url = _server.Stream.ToString(), UserName = BasicMjpegServer.UserName, Password = BasicMjpegServer.Password };
        await Registry.AddOrUpdateAsync(new ConfiguredCamera(stored));
        var model = CameraFormModel.From(new CameraDraft(CameraCredentials.Mask(stored), 1));
        model.Url = "http://127.0.0.2:9/cam.mjpg";
        var form = RenderForm(model, isNew: false);

        ClickTest(form);

        form.WaitForAssertion(() => Assert.Contains(
            "stands for the stored password, which is only sent to the server it was set for",
            form.Find(".camera-test-error").TextContent,
            StringComparison.Ordinal));
    }

    [Fact]
    public void TheTestButtonSaysTheCameraRefusedAWrongPassword()
    {
        var form = RenderForm(NewHttpCamera(password: "not-the-password"));

        ClickTest(form);

        form.WaitForAssertion(
            () => Assert.Equal($"{_server.Stream} refused the user name and password (401 Unauthorized).", form.Find(".camera-test-error").TextContent.Trim()),
            TimeSpan.FromSeconds(15));
        // Only the field the user typed it into holds it; no message repeats it.
        Assert.Single(form.FindAll("[value='not-the-password']"));
        Assert.Equal(1, form.Markup.Split("not-the-password").Length - 1);
    }

    [Fact]
    public void TheTestButtonSaysAnHtmlPageIsNotACamera()
    {
        var form = RenderForm(NewHttpCamera(url: _server.LoginPage.ToString()));

        ClickTest(form);

        form.WaitForAssertion(
            () => Assert.StartsWith($"{_server.LoginPage} answered text/html instead of an MJPEG stream or a JPEG", form.Find(".camera-test-error").TextContent.Trim(), StringComparison.Ordinal),
            TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task ATestOfACameraThatSendsNothingEndsAfterTenSecondsAndOnlyOneRunsPerUser()
    {
        var time = new FakeTimeProvider();
        var tester = new CameraConnectionTest(Services.GetRequiredService<IFrameSourceFactory>(), Registry, Services.GetRequiredService<IAuthorizationService>(), time);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "olga")], "test"));
        var stalled = NewHttpCamera(url: _server.Stall.ToString(), password: null).ToDefinition() with { UserName = null };

        var first = tester.RunAsync(user, stalled, isNew: true);
        await Eventually.HoldsAsync(() => _server.Stalled == 1, "the test waits on the stalled stream");
        var second = await tester.RunAsync(user, stalled, isNew: true);
        time.Advance(CameraConnectionTest.Timeout);
        var result = await first.WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal("A test of yours is still running: wait for it to finish.", second.Error);
        Assert.Equal($"No frame from {_server.Stall} within 10 seconds.", result.Error);
        await Eventually.HoldsAsync(() => _server.Stalled == 0, "the test let go of the stream");
    }

    [Fact]
    public async Task AFirstFrameLargerThanATestShowsIsReportedInsteadOfSentToTheBrowser()
    {
        var tester = new CameraConnectionTest(Services.GetRequiredService<IFrameSourceFactory>(), Registry, Services.GetRequiredService<IAuthorizationService>(), TimeProvider.System)
        {
            MaxShownBytes = 1000,
        };
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "olga")], "test"));

        var result = await tester.RunAsync(user, NewHttpCamera().ToDefinition(), isNew: true);

        Assert.Null(result.Jpeg);
        Assert.Equal($"The camera sent a 320x240 frame of {_server.Frame.Length:N0} bytes, more than the 1,000 bytes a test shows.", result.Error);
    }

    [Fact]
    public async Task AViewerGetsNoTestButtonAndTheServiceRefusesToConnectForOne()
    {
        SignInAs("vera", DashboardRoles.Viewer);
        var form = RenderForm(NewHttpCamera());

        Assert.DoesNotContain(form.FindAll("button"), b => b.TextContent.Trim() == "Test");
        var viewer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "vera"), new Claim(ClaimTypes.Role, DashboardRoles.Viewer)], "test"));
        var result = await Services.GetRequiredService<CameraConnectionTest>().RunAsync(viewer, NewHttpCamera().ToDefinition(), isNew: true);

        Assert.Null(result.Jpeg);
        Assert.Equal("Only operators and admins may test a camera.", result.Error);
    }
}
