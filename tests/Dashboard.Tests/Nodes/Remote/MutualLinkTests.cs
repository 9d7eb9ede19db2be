using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Nodes.Remote;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Nodes.Remote;

/// <summary>
/// Two dashboards that link each other (SQLite each): each shows its own cameras and exactly the other's own, however
/// often they read each other, because the camera API marks relayed cameras <c>remote</c> and a hub takes only an edge's
/// own cameras (before, each relayed the other's relays, the ids growing by a prefix each round until too long).
/// </summary>
public sealed class MutualLinkTests : IAsyncLifetime
{
    private readonly SecurityApp _a = new();
    private readonly SecurityApp _b = new();

    public async Task InitializeAsync()
    {
        await _a.ReadyAsync();
        await _b.ReadyAsync();
        await RemoteLink.LinkAsync(_a, _b, "b", "Dashboard B", viewer: "a");
        await RemoteLink.LinkAsync(_b, _a, "a", "Dashboard A", viewer: "b");
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task EachShowsExactlyTheOthersOwnCamerasOverSeveralRefreshes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (var round = 0; round < 4; round++)
        {
            await Sync(_a).SyncAllAsync(timeout.Token);
            await Sync(_b).SyncAllAsync(timeout.Token);

            Assert.Equal(["b-porch", "b-yard", "porch", "yard"], Ids(_a));
            Assert.Equal(["a-porch", "a-yard", "porch", "yard"], Ids(_b));
        }
    }

    [Fact]
    public async Task TheCameraApiMarksRelayedCamerasRemoteAndOwnCamerasNot()
    {
        await Sync(_a).SyncAllAsync(CancellationToken.None);
        using var client = _a.CreateBasicClient();
        var listed = await client.GetFromJsonAsync<JsonElement[]>(new Uri("api/cameras", UriKind.Relative));

        var remote = Assert.Single(listed!, c => c.GetProperty("id").GetString() == "b-yard").GetProperty("remote");
        Assert.Equal("b", remote.GetProperty("dashboard").GetString());
        Assert.Equal("Dashboard B", remote.GetProperty("dashboardName").GetString());
        Assert.Equal("yard", remote.GetProperty("camera").GetString());
        var own = Assert.Single(listed!, c => c.GetProperty("id").GetString() == "yard");
        Assert.Equal(JsonValueKind.Null, own.GetProperty("remote").ValueKind);
    }

    private static RemoteCameraSync Sync(SecurityApp app) => app.Services.GetRequiredService<RemoteCameraSync>();

    private static string[] Ids(SecurityApp app) => [.. app.Cameras.Cameras.Select(c => c.Id).Order(StringComparer.Ordinal)];
}
