using System.Net;
using System.Net.WebSockets;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Dashboard.Tests.Tiles;

/// <summary>
/// The tile socket on the real app (real Kestrel, real cameras), driven the way tiles.js drives it. One app serves the
/// class: each test starts once the tiles of the one before have left, so counts of subscribers are its own.
/// </summary>
public sealed class TileSocketTests(TileSocketApp app) : IClassFixture<TileSocketApp>, IAsyncLifetime
{
    private readonly DashboardApp _app = app;

    public Task InitializeAsync() => Eventually.HoldsAsync(
        () => _app.Cameras.Cameras.All(c => c.SubscriberCount == 0), "the tiles of the previous test have left");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SocketSendsTheNextFrameOnlyAfterThePageShowedThePreviousOne()
    {
        using var page = await TileSocketClient.ConnectAsync(_app);
        await page.SendAsync(new { op = "show", tile = 3, camera = "cam01", gen = 7 });

        var first = (await page.ReadFrameAsync()).Frame!;
        Assert.Equal(3, first.Tile);
        Assert.Equal(7u, first.Generation);
        Assert.Equal(0xFF, first.Jpeg[0]);
        Assert.Equal(0xD8, first.Jpeg[1]);
        Assert.InRange(DateTimeOffset.UtcNow - first.CapturedAt, TimeSpan.Zero, TimeSpan.FromSeconds(5));

        // Without an ack the camera keeps capturing, the tile's frames are skipped on the server, and nothing is sent.
        var camera = _app.Cameras.Find("cam01")!;
        await Eventually.HoldsAsync(() => TileSubscriber(camera) is { FramesSkipped: >= 2 }, "frames are skipped while the page has not acknowledged");
        Assert.False(page.HasMessage, "a frame was sent before the page acknowledged the previous one");

        await page.SendAsync(new { op = "ack", tile = 3 });
        var second = (await page.ReadFrameAsync()).Frame!;
        Assert.Equal(3, second.Tile);
        Assert.True(second.CapturedAt > first.CapturedAt, "the frame after the ack is the newest, not the one after the first");
    }

    [Fact]
    public async Task EachTileIsADashboardViewerOfItsCameraUntilHidden()
    {
        using var page = await TileSocketClient.ConnectAsync(_app);
        await page.SendAsync(new { op = "show", tile = 0, camera = "cam01" });
        await page.SendAsync(new { op = "show", tile = 1, camera = "cam02" });
        await page.ReadFrameAsync();

        var cam01 = _app.Cameras.Find("cam01")!;
        var cam02 = _app.Cameras.Find("cam02")!;
        await Eventually.HoldsAsync(() => TileSubscriber(cam02) is not null, "cam02 has the second tile");
        var viewer = TileSubscriber(cam01)!;
        Assert.Equal(SubscriberKind.Dashboard, viewer.Kind);
        Assert.Equal("grid tile", viewer.Label);
        Assert.Equal(DashboardApp.AdminUser, viewer.User);
        Assert.Equal("127.0.0.1", viewer.RemoteAddress);

        await page.SendAsync(new { op = "hide", tile = 0 });

        await Eventually.HoldsAsync(() => cam01.SubscriberCount == 0, "hiding the tile unsubscribes it");
        Assert.Equal(1, cam02.SubscriberCount);
    }

    [Fact]
    public async Task ClosingThePageUnsubscribesEveryTile()
    {
        var page = await TileSocketClient.ConnectAsync(_app);
        await page.SendAsync(new { op = "show", tile = 0, camera = "cam01" });
        await page.SendAsync(new { op = "show", tile = 1, camera = "cam02" });
        await page.ReadFrameAsync();

        var cam01 = _app.Cameras.Find("cam01")!;
        var cam02 = _app.Cameras.Find("cam02")!;
        await Eventually.HoldsAsync(() => cam01.SubscriberCount == 1 && cam02.SubscriberCount == 1, "both tiles are subscribed while the page is open");

        page.Socket.Abort();
        page.Dispose();

        await Eventually.HoldsAsync(() => cam01.SubscriberCount == 0 && cam02.SubscriberCount == 0, "every tile left with the page");
    }

    [Fact]
    public async Task UnknownCameraIsIgnoredAndTheSocketKeepsWorking()
    {
        using var page = await TileSocketClient.ConnectAsync(_app);
        await page.SendAsync(new { op = "show", tile = 0, camera = "no-such-camera" });
        await page.SendAsync(new { op = "ack", tile = 5 });
        await page.SendAsync(new { op = "show", tile = 1, camera = "cam02" });

        var frame = (await page.ReadFrameAsync()).Frame!;

        Assert.Equal(1, frame.Tile);
    }

    [Fact]
    public async Task EachTileGetsThePreviewSizeNearestTheWidthItAsksFor()
    {
        using var page = await TileSocketClient.ConnectAsync(_app);
        await page.SendAsync(new { op = "show", tile = 0, camera = "wide", width = 300 });
        await page.SendAsync(new { op = "show", tile = 1, camera = "wide", width = 900 });

        var widths = new Dictionary<int, int>();
        while (widths.Count < 2)
        {
            var frame = (await page.ReadFrameAsync()).Frame!;
            Assert.True(Streaming.Imaging.JpegInfo.TryReadSize(frame.Jpeg, out var width, out _));
            widths[frame.Tile] = width;
        }

        Assert.Equal((320, 640), (widths[0], widths[1]));
    }

    [Theory]
    [InlineData("not json", "malformed JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("""{"tile":0}""", "\"op\"")]
    [InlineData("""{"op":"dance","tile":0}""", "unknown \"op\"")]
    [InlineData("""{"op":"show","tile":64,"camera":"cam01"}""", "from 0 to 63")]
    [InlineData("""{"op":"show","tile":-1,"camera":"cam01"}""", "from 0 to 63")]
    [InlineData("""{"op":"show","tile":"0","camera":"cam01"}""", "\"tile\"")]
    [InlineData("""{"op":"show","tile":0,"camera":42}""", "\"camera\"")]
    [InlineData("""{"op":"show","tile":0}""", "\"camera\"")]
    [InlineData("""{"op":"show","tile":0,"camera":"cam01","gen":"x"}""", "\"gen\"")]
    [InlineData("""{"op":"show","tile":1e300,"camera":"cam01"}""", "\"tile\"")]
    [InlineData("""{"op":"show","tile":0,"camera":"cam01","width":-5}""", "\"width\"")]
    [InlineData("""{"op":"show","tile":0,"camera":"cam01","width":"wide"}""", "\"width\"")]
    public async Task MalformedRequestClosesTheSocketSayingWhy(string request, string reason)
    {
        using var page = await TileSocketClient.ConnectAsync(_app);
        await page.SendAsync(new { op = "show", tile = 0, camera = "cam01" });

        await page.SendTextAsync(request);

        var close = await page.ReadCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
        Assert.Contains(reason, close.CloseReason, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => _app.Cameras.Find("cam01")!.SubscriberCount == 0, "the tile of the closed socket is gone");
    }

    [Fact]
    public async Task OversizedOrBinaryRequestsCloseTheSocket()
    {
        using (var page = await TileSocketClient.ConnectAsync(_app))
        {
            await page.SendTextAsync(new string(' ', 10_000));
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, (await page.ReadCloseAsync()).CloseStatus);
        }

        using (var page = await TileSocketClient.ConnectAsync(_app))
        {
            await page.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
            Assert.Equal(WebSocketCloseStatus.InvalidMessageType, (await page.ReadCloseAsync()).CloseStatus);
        }
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task SocketRefusesPagesOfOtherSites(string origin)
    {
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => TileSocketClient.ConnectAsync(_app, origin));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpRequestIsRefused()
    {
        using var client = _app.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{DashboardApp.AdminUser}:{DashboardApp.AdminPassword}")));

        using var response = await client.GetAsync(new Uri("ws/tiles", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static SubscriberStatistics? TileSubscriber(Camera camera) =>
        camera.ReadStatistics().Subscribers.FirstOrDefault(s => s.Kind == SubscriberKind.Dashboard);
}

/// <summary>The app <see cref="TileSocketTests"/> shares: two small test-pattern cameras and a wide one.</summary>
public sealed class TileSocketApp : DashboardApp
{
    public TileSocketApp() => WithCameras(
        TileTestServices.TestPattern("cam01"),
        TileTestServices.TestPattern("cam02"),
        new CameraDefinition { Id = "wide", Kind = CameraKind.TestPattern, Width = 1280, Height = 720, Fps = 5 });
}
