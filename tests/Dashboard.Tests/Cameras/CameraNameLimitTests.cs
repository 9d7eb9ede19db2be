using Dashboard.Cameras;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

/// <summary>A camera's name is at most 100 characters: in the form's service, in the configuration and in the database.</summary>
public sealed class CameraNameLimitTests : IAsyncLifetime
{
    private static readonly string TooLong = new('n', 101);

    private readonly SecurityApp _app = (SecurityApp)new SecurityApp()
        .WithSetting("Cameras:2:Id", "long")
        .WithSetting("Cameras:2:Name", TooLong);

    public Task InitializeAsync() => _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ANameOver100CharactersIsRefusedWhenAddingOrChangingACamera()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var management = scope.ServiceProvider.GetRequiredService<CameraManagement>();
        var admin = await _app.PrincipalAsync(DashboardApp.AdminUser);

        var added = await management.AddAsync(admin, new CameraDefinition { Id = "shed", Name = TooLong });
        var draft = await management.OpenForEditAsync("porch");
        var changed = await management.SaveAsync(admin, draft!.Camera with { Name = TooLong }, draft);

        Assert.Equal("Name must be at most 100 characters (was 101).", Assert.Single(added.Problems, p => p.Setting == "Name").Message);
        Assert.Single(changed.Problems, p => p.Setting == "Name");
        Assert.Null(await _app.StoredCameraAsync("shed"));
        Assert.Equal("Porch", (await _app.StoredCameraAsync("porch"))!.Definition.Name);
        Assert.True((await management.AddAsync(admin, new CameraDefinition { Id = "shed", Name = new string('n', 100), Width = 320, Height = 240 })).Succeeded);
    }

    [Fact]
    public void AConfiguredCameraWithANameOver100CharactersFailsSayingSo()
    {
        var camera = _app.Cameras.Find("long")!;

        Assert.Equal(CameraState.Failed, camera.State);
        Assert.Contains("Name must be at most 100 characters (was 101).", camera.Status.LastError, StringComparison.Ordinal);
    }
}
