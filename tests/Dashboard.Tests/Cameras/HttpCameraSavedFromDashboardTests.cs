using System.Text.Json;
using Dashboard.Access;
using Dashboard.Cameras;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Http;

namespace Dashboard.Tests.Cameras;

/// <summary>An Http camera added through <see cref="CameraManagement"/> (what the form calls) streams from a real camera demanding Basic, and its password stays on the server.</summary>
public sealed class HttpCameraSavedFromDashboardTests(BasicMjpegServer camera) : IClassFixture<BasicMjpegServer>, IAsyncLifetime
{
    private readonly SecurityApp _app = new();

    public Task InitializeAsync() => _app.CreateUserAsync("olga", DashboardRoles.Operator);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnHttpCameraSavedWithCredentialsStreamsTheCamerasFramesAndThePasswordIsNeverShown()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var management = scope.ServiceProvider.GetRequiredService<CameraManagement>();
        var added = await management.AddAsync(await _app.PrincipalAsync(DashboardApp.AdminUser), new CameraDefinition
        {
            Id = "gate",
            Kind = CameraKind.Http,
            Url = camera.Stream.ToString(),
            UserName = BasicMjpegServer.UserName,
            Password = BasicMjpegServer.Password,
        });
        Assert.True(added.Succeeded, string.Join(" ", added.Problems.Select(p => p.Message)));
        Assert.Equal(BasicMjpegServer.Password, (await _app.StoredCameraAsync("gate"))!.Definition.Password);

        // Frames pass through untouched: the snapshot is the camera's own JPEG.
        using var client = _app.CreateBasicClient("olga", SecurityApp.Password);
        byte[]? snapshot = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await client.GetAsync(FeedRoutes.Snapshot("gate"));
                snapshot = response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : null;
                return snapshot is not null;
            },
            "the Http camera has a frame",
            TimeSpan.FromSeconds(20));
        Assert.Equal(camera.Frame, snapshot);

        // An operator saves the form again without touching the password: it is kept.
        var draft = await management.OpenForEditAsync("gate");
        Assert.Equal(Redaction.Mask, draft!.Camera.Password);
        var saved = await management.SaveAsync(await _app.PrincipalAsync("olga"), draft.Camera with { Name = "Gate" }, draft);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Problems.Select(p => p.Message)));
        Assert.Equal(BasicMjpegServer.Password, (await _app.StoredCameraAsync("gate"))!.Definition.Password);

        var json = await client.GetStringAsync("api/cameras/gate");
        Assert.DoesNotContain(BasicMjpegServer.Password, json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var settings = document.RootElement.GetProperty("settings");
        Assert.True(settings.GetProperty("passwordSet").GetBoolean());
        Assert.Equal(camera.Stream.ToString(), settings.GetProperty("url").GetString());

        var log = string.Join("\n", _app.Logs.GetSnapshot().Select(r => r.Message));
        Assert.DoesNotContain(BasicMjpegServer.Password, log, StringComparison.Ordinal);
    }
}
