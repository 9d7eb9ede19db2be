using System.Net;
using Dashboard.Cameras;
using Dashboard.Nodes.Remote;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Http;

namespace Dashboard.Tests.Nodes.Remote;

/// <summary>
/// A hub and an edge, each on its own SQLite: an admin links the edge by its address and a token made there; the edge's
/// cameras appear on the hub, marked remote, and follow the edge's additions and removals; 20 viewers on the hub cost
/// the edge one stream; an edge that stops shows "no signal" cards on the hub and comes back by itself.
/// </summary>
public sealed class HubAndEdgeTests : IAsyncLifetime
{
    private readonly SecurityApp _edge = new();
    private readonly SecurityApp _hub = new();

    public HubAndEdgeTests()
    {
        _hub.WithSetting("Nodes:RemoteRefresh", "00:00:01");
        _hub.WithSetting("Streaming:ReconnectMaxDelay", "00:00:01");
    }

    private RemoteCameraDirectory Remotes => _hub.Services.GetRequiredService<RemoteCameraDirectory>();

    public async Task InitializeAsync()
    {
        await _edge.ReadyAsync();
        await _hub.ReadyAsync();
        await RemoteLink.LinkAsync(_hub, _edge, "shed", "Shed");
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _edge.DisposeAsync();
    }

    [Fact]
    public async Task TheEdgesCamerasAppearOnTheHubMarkedRemoteAndSnapshotsRelay()
    {
        await Eventually.HoldsAsync(() => _hub.Cameras.Find("shed-porch") is not null && _hub.Cameras.Find("shed-yard") is not null, "the edge's cameras are on the hub");

        var porch = Remotes.Find("shed-porch");
        Assert.NotNull(porch);
        Assert.Equal("Shed", porch.RemoteName);
        Assert.Equal("porch", porch.EdgeCameraId);
        Assert.Equal(new Uri(_edge.Address, "cameras/porch"), porch.SettingsPage);
        Assert.False(Remotes.IsRemote("porch"));
        Assert.Equal("Porch (Shed)", _hub.Cameras.Find("shed-porch")!.Definition.Name);

        using var client = _hub.CreateBasicClient();
        using var snapshot = await client.GetAsync(new Uri(FeedRoutes.Snapshot("shed-porch"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        Assert.Equal("image/jpeg", snapshot.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TwentyViewersOnTheHubMakeOneStreamOnTheEdge()
    {
        await Eventually.HoldsAsync(() => _hub.Cameras.Find("shed-yard") is not null, "the edge's yard is on the hub");
        using var client = _hub.CreateBasicClient();
        var viewers = new List<MjpegFeed>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                viewers.Add(await MjpegFeed.WatchAsync(client, $"{FeedRoutes.Feed("shed-yard")}?client=viewer{i}"));
            }

            Assert.Equal(20, _hub.Cameras.Find("shed-yard")!.SubscriberCount);
            var onEdge = _edge.Cameras.Find("yard")!.ReadStatistics().Subscribers;
            Assert.Equal("hub", Assert.Single(onEdge).User);
        }
        finally
        {
            viewers.ForEach(v => v.Dispose());
        }
    }

    [Fact]
    public async Task CamerasAddedOrRemovedOnTheEdgeAppearOrDisappearOnTheHub()
    {
        var admin = await _edge.PrincipalAsync(DashboardApp.AdminUser);
        var management = _edge.Services.GetRequiredService<CameraManagement>();

        var added = await management.AddAsync(admin, new CameraDefinition { Id = "gate", Name = "Gate", Width = 160, Height = 120, Fps = 5 });
        Assert.True(added.Succeeded, string.Join(" ", added.Problems.Select(p => p.Message)));
        await Eventually.HoldsAsync(() => _hub.Cameras.Find("shed-gate") is not null, "the new camera shows on the hub");

        Assert.True((await management.RemoveAsync(admin, "gate")).Succeeded);
        await Eventually.HoldsAsync(() => _hub.Cameras.Find("shed-gate") is null && !Remotes.IsRemote("shed-gate"), "the removed camera leaves the hub");
    }

    [Fact]
    public async Task AnEdgeThatStopsShowsNoSignalOnTheHubAndComesBackByItself()
    {
        await Eventually.HoldsAsync(() => _hub.Cameras.Find("shed-yard") is not null, "the edge's yard is on the hub");
        using var client = _hub.CreateBasicClient();
        using var response = await client.GetAsync(new Uri($"{FeedRoutes.Feed("shed-yard")}?parts=standard", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var feed = await MjpegFeed.ReadAsync(response);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await NextAsync(feed, placeholder: false, timeout.Token);

        var port = _edge.Address.Port;
        await _edge.StopAsync();
        await NextAsync(feed, placeholder: true, timeout.Token);
        await Eventually.HoldsAsync(() => Remotes.Find("shed-yard") is { EdgeOnline: false }, "the hub says the edge is offline");
        Assert.NotNull(_hub.Cameras.Find("shed-yard"));

        await using var again = _edge.Restarted();
        again.UseKestrel(port);
        _ = again.Address;
        await NextAsync(feed, placeholder: false, timeout.Token);
        await Eventually.HoldsAsync(() => Remotes.Find("shed-yard") is { EdgeOnline: true }, "the hub says the edge is back");
    }

    private static async Task NextAsync(MjpegFeed feed, bool placeholder, CancellationToken cancellationToken)
    {
        while ((await feed.ReadPartAsync(cancellationToken) ?? throw new InvalidOperationException("the hub ended the feed")).IsPlaceholder != placeholder)
        {
        }
    }
}
