using System.Diagnostics;
using System.Net;
using Dashboard.Cameras;
using Dashboard.Access;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Http;

namespace Dashboard.Tests.Nodes;

/// <summary>
/// Two nodes, A and B, on one throwaway PostgreSQL behind nginx (the repository's snippet with an upstream of both):
/// a sign-in through either works on both; a camera edited on A changes on B; a share link revoked on B ends its stream
/// running through A; a disabled user's stream ends on the other node; a camera A captures is watched through B with
/// A's JPEGs, byte for byte. Every "on the other node" within 2 s.
/// </summary>
[Collection(PostgresServer.Name)]
public sealed class TwoNodesBehindNginxTests(ThrowawayPostgres postgres) : IAsyncLifetime
{
    private readonly string _frames = TestJpegs.Folder((320, 240), (320, 240), (320, 240), (320, 240));
    private NodeApp _a = null!;
    private NodeApp _b = null!;
    private NginxProxy _nginx = null!;

    public async Task InitializeAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        _a = Node(database, "a");
        _b = Node(database, "b");

        // One after the other: the first migrates and seeds, the second finds it done.
        await _a.ReadyAsync();
        await _b.ReadyAsync();
        _nginx = await NginxProxy.StartAsync([_a.Address, _b.Address]);
    }

    public async Task DisposeAsync()
    {
        _nginx?.Dispose();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        Directory.Delete(_frames, recursive: true);
    }

    [Fact]
    public async Task ASignInThroughNginxWorksOnBothNodes()
    {
        using var proxied = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _nginx.Address };
        var signIn = await FormSignIn.SubmitAsync(proxied, DashboardApp.AdminUser, DashboardApp.AdminPassword);
        Assert.True(signIn.SignedIn, $"no sign-in through nginx ({signIn.Status})");

        foreach (var node in (NodeApp[])[_a, _b])
        {
            using var client = node.CreateRawClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/cameras", UriKind.Relative));
            request.Headers.Add("Cookie", signIn.Cookie);
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"node {node.NodeName} answered {(int)response.StatusCode} to a sign-in made through nginx");
        }
    }

    [Fact]
    public async Task ACameraEditedOnOneNodeChangesOnTheOtherWithinTwoSeconds()
    {
        var admin = await _a.PrincipalAsync(DashboardApp.AdminUser);
        var yard = _a.Cameras.Find("yard")!.Definition;

        var saving = Stopwatch.StartNew();
        var change = await _a.Services.GetRequiredService<CameraManagement>().UpdateAsync(admin, yard with { Name = "Back yard" });
        Assert.True(change.Succeeded, string.Join(" ", change.Problems.Select(p => p.Message)));
        await Eventually.HoldsAsync(() => _b.Cameras.Find("yard")?.Definition.Name == "Back yard", "node B shows the new name", Promise.Within);

        Assert.InRange(saving.Elapsed, TimeSpan.Zero, Promise.Within + Promise.Within);
    }

    [Fact]
    public async Task RevokingAShareLinkOnOneNodeEndsItsStreamThroughTheOtherWithinTwoSeconds()
    {
        var link = await _a.CreateLinkAsync("yard", "across nodes");
        using var client = _a.CreateRawClient();
        using var feed = await MjpegFeed.WatchAsync(client, SecurityApp.FeedPath(link));

        await Promise.AssertEndsFeedAsync(feed, async () => await _b.Links.RevokeAsync(await _b.PrincipalAsync(DashboardApp.AdminUser), link.Link.Id));
    }

    [Fact]
    public async Task DisablingAUserOnOneNodeEndsTheirStreamOnTheOtherWithinTwoSeconds()
    {
        var user = await _a.CreateUserAsync("leaving", DashboardRoles.Viewer);
        using var client = _b.CreateBasicClient("leaving", SecurityApp.Password);
        using var feed = await MjpegFeed.WatchAsync(client, FeedRoutes.Feed("yard"));

        await Promise.AssertEndsFeedAsync(feed, async () => await _a.UserAdministration.SetDisabledAsync(await _a.PrincipalAsync(DashboardApp.AdminUser), user.Id, true));
    }

    [Fact]
    public async Task ACameraOneNodeCapturesIsWatchedThroughTheOtherWithItsJpegsByteForByte()
    {
        var files = Directory.GetFiles(_frames, "*.jpg").Select(File.ReadAllBytes).ToList();
        Assert.Equal(CameraKind.ImageSequence, _a.Cameras.Find("porch")!.Definition.Kind);
        Assert.Equal(CameraKind.Http, _b.Cameras.Find("porch")!.Definition.Kind);

        using var client = _b.CreateBasicClient();
        using var response = await client.GetAsync(new Uri($"{FeedRoutes.Feed("porch")}?parts=standard", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = await MjpegFeed.ReadAsync(response);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var pictures = new List<MjpegPart>();
        while (pictures.Count < 4)
        {
            var part = await reader.ReadPartAsync(timeout.Token) ?? throw new InvalidOperationException("node B ended the feed");
            if (!part.IsPlaceholder)
            {
                pictures.Add(part);
            }
        }

        Assert.All(pictures, part => Assert.Contains(files, file => file.AsSpan().SequenceEqual(part.Body)));
        var viewers = _a.Cameras.Find("porch")!.ReadStatistics().Subscribers;
        Assert.Contains(viewers, viewer => viewer.Label == "node:b");
    }

    private NodeApp Node(string database, string name)
    {
        var node = new NodeApp(database, name);
        node.WithCameras(
            new CameraDefinition { Id = "porch", Name = "Porch", Kind = CameraKind.ImageSequence, Folder = _frames, Fps = 10, Node = "a" },
            new CameraDefinition { Id = "yard", Name = "Yard", Width = 320, Height = 240, Fps = 10 });
        return node;
    }
}
