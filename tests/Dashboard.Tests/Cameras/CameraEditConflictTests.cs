using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Cameras;

/// <summary>Two people editing one camera: the later save from an older version is refused and names the earlier change.</summary>
public sealed class CameraEditConflictTests : IAsyncLifetime
{
    private readonly SecurityApp _app = new();

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync("olga", DashboardRoles.Operator);
        await _app.CreateUserAsync("otto", DashboardRoles.Operator);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheLaterSaveFromTheSameVersionIsRefusedNamingTheEarlierChangeAndNothingOfItIsApplied()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var management = scope.ServiceProvider.GetRequiredService<CameraManagement>();
        var olgas = await management.OpenForEditAsync("porch");
        var ottos = await management.OpenForEditAsync("porch");

        var first = await management.SaveAsync(await _app.PrincipalAsync("olga"), olgas!.Camera with { Name = "Front porch" }, olgas);
        var second = await management.SaveAsync(await _app.PrincipalAsync("otto"), ottos!.Camera with { Fps = 5, JpegQuality = 50 }, ottos);

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        var notice = Assert.Single(second.Problems);
        Assert.Equal(ChangeResult.General, notice.Setting);
        Assert.StartsWith("olga changed this camera at ", notice.Message, StringComparison.Ordinal);
        Assert.Contains("(Name: Porch -> Front porch)", notice.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing of yours was saved", notice.Message, StringComparison.Ordinal);

        var stored = await _app.StoredCameraAsync("porch");
        Assert.Equal(("Front porch", 10.0, 80, "olga"), (stored!.Definition.Name, stored.Definition.Fps, stored.Definition.JpegQuality, stored.UpdatedBy));
        var running = _app.Cameras.Find("porch")!.Definition;
        Assert.Equal(("Front porch", 10.0, 80), (running.Name, running.Fps, running.JpegQuality));
        Assert.Equal(["olga"], await AuditUsersAsync("porch"));
    }

    [Fact]
    public async Task AFormStartedAfterTheEarlierSaveSavesNormally()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var management = scope.ServiceProvider.GetRequiredService<CameraManagement>();
        var olgas = await management.OpenForEditAsync("yard");
        Assert.True((await management.SaveAsync(await _app.PrincipalAsync("olga"), olgas!.Camera with { Name = "Back yard" }, olgas)).Succeeded);

        var ottos = await management.OpenForEditAsync("yard");
        var change = await management.SaveAsync(await _app.PrincipalAsync("otto"), ottos!.Camera with { Fps = 5 }, ottos);

        Assert.True(change.Succeeded, string.Join(" ", change.Problems.Select(p => p.Message)));
        var stored = await _app.StoredCameraAsync("yard");
        Assert.Equal(("Back yard", 5.0, "otto"), (stored!.Definition.Name, stored.Definition.Fps, stored.UpdatedBy));
    }

    [Fact]
    public async Task TwoSavesFromTheSameVersionAtTheSameTimeLetExactlyOneWin()
    {
        var olga = await _app.PrincipalAsync("olga");
        var otto = await _app.PrincipalAsync("otto");
        await using var olgasScope = _app.Services.CreateAsyncScope();
        await using var ottosScope = _app.Services.CreateAsyncScope();
        var olgasManagement = olgasScope.ServiceProvider.GetRequiredService<CameraManagement>();
        var ottosManagement = ottosScope.ServiceProvider.GetRequiredService<CameraManagement>();
        var draft = await olgasManagement.OpenForEditAsync("porch");
        var version = draft!.Version;

        var changes = await Task.WhenAll(
            Task.Run(() => olgasManagement.SaveAsync(olga, draft.Camera with { Fps = 4 }, draft)),
            Task.Run(() => ottosManagement.SaveAsync(otto, draft.Camera with { Fps = 6 }, draft)));

        Assert.Single(changes, c => c.Succeeded);
        var stored = await _app.StoredCameraAsync("porch");
        Assert.Equal(version + 1, stored!.Version);
        Assert.Equal(stored.UpdatedBy == "olga" ? 4.0 : 6.0, stored.Definition.Fps);
    }

    private async Task<List<string>> AuditUsersAsync(string cameraId)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(e => e.CameraId == cameraId).OrderBy(e => e.Id).Select(e => e.UserName).ToListAsync();
    }
}
