using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Cameras.Components;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

public sealed class CameraFormTests : CameraManagementContext
{

    public CameraFormTests()
    {
        SignInAs("ada", DashboardRoles.Admin);
    }

    private IRenderedComponent<CameraForm> RenderForm(CameraFormModel model, bool isNew = true) =>
        Render<CameraForm>(p => p.Add(f => f.Model, model).Add(f => f.IsNew, isNew));

    [Fact]
    public async Task EachBadSettingGetsItsOwnMessage()
    {
        var form = RenderForm(new CameraFormModel { Id = "bad id", Width = 0, Height = 480, Fps = 0, JpegQuality = 150 });

        Assert.False(await form.InvokeAsync(() => form.Instance.ValidateAsync()));

        form.WaitForAssertion(() =>
        {
            var messages = form.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
            Assert.Contains("Id 'bad id' must be 1-64 letters, digits, '-' or '_', starting with a letter or digit.", messages);
            Assert.Contains("Width must be between 1 and 7680 (was 0).", messages);
            Assert.Contains("Fps must be greater than 0 and at most 120 (was 0).", messages);
            Assert.Contains("JpegQuality must be between 1 and 100 (was 150).", messages);
            Assert.DoesNotContain(messages, m => m.StartsWith("Height", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task TheNameFieldTakesAtMost100CharactersAndALongerNameIsNamedAsTheProblem()
    {
        var form = RenderForm(new CameraFormModel { Id = "porch", Name = new string('n', 101) });

        // The Name field is the one whose placeholder is the id.
        Assert.Equal("100", form.Find("input[placeholder='porch']").GetAttribute("maxlength"));
        Assert.False(await form.InvokeAsync(() => form.Instance.ValidateAsync()));
        form.WaitForAssertion(() => Assert.Contains("Name must be at most 100 characters (was 101).", form.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DuplicateIdIsRefusedForANewCamera()
    {
        await Registry.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "porch" }));
        var form = RenderForm(new CameraFormModel { Id = "porch" });

        Assert.False(await form.InvokeAsync(() => form.Instance.ValidateAsync()));

        form.WaitForAssertion(() => Assert.Contains("A camera with id 'porch' already exists.", form.Markup, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CaptureSource.Device, "Device 77 does not exist (no /dev/video77).")]
    [InlineData(CaptureSource.File, "File '/no/such/clip.mp4' does not exist.")]
    [InlineData(CaptureSource.Url, "Url 'rtsp:/broken' is not a valid stream URL")]
    public async Task CaptureSourceProblemsAreShownAtTheirField(CaptureSource source, string message)
    {
        var form = RenderForm(new CameraFormModel { Id = "cam", Kind = CameraKind.OpenCv, Source = source, Device = 77, File = "/no/such/clip.mp4", Url = "rtsp:/broken" });

        Assert.False(await form.InvokeAsync(() => form.Instance.ValidateAsync()));

        form.WaitForAssertion(() => Assert.Contains(message, form.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void CommandKindExplainsWhyItIsUnavailable()
    {
        var form = RenderForm(new CameraFormModel { Id = "cam" });

        Assert.Contains("Command cameras run a program on the server, so they are defined in the configuration file", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChoosingCommandAnywayIsRefusedByTheServer()
    {
        var management = Services.GetRequiredService<CameraManagement>();
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Role, DashboardRoles.Admin)], "test"));

        var change = await management.AddAsync(user, new CameraDefinition { Id = "sneaky", Kind = CameraKind.Command, Command = "sh", Arguments = ["-c", "id"] });

        Assert.False(change.Succeeded);
        Assert.Contains(change.Problems, p => p.Setting == nameof(CameraDefinition.Kind));
        Assert.Null(Registry.Find("sneaky"));
    }

    [Fact]
    public async Task ValidNewCameraHasNoMessages()
    {
        var form = RenderForm(new CameraFormModel { Id = "driveway", Name = "Driveway", Width = 640, Height = 480, Fps = 10 });

        Assert.True(await form.InvokeAsync(() => form.Instance.ValidateAsync()));
        Assert.Empty(form.FindAll(".mud-input-error"));
    }
}
