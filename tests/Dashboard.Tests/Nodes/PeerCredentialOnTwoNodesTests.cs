using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Http;
using Xunit.Abstractions;

namespace Dashboard.Tests.Nodes;

/// <summary>
/// Two nodes on one PostgreSQL, each on a clock the test can move forward: A captures <c>porch</c> and B reads it with its
/// peer credential. A refuses that credential with 401 once it has expired; B renews it before, and the stream watched
/// through B keeps going across the renewal with a gap of one reconnect.
/// </summary>
[Collection(PostgresServer.Name)]
public sealed class PeerCredentialOnTwoNodesTests(ThrowawayPostgres postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _frames = TestJpegs.Folder((320, 240), (320, 240), (320, 240), (320, 240));
    private readonly MovableClock _clockA = new();
    private readonly MovableClock _clockB = new();
    private NodeApp _a = null!;
    private NodeApp _b = null!;

    private string PorchPasswordOnB => _b.Cameras.Find("porch")!.Definition.Password!;

    public async Task InitializeAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        _a = Node(database, "a", _clockA);
        _b = Node(database, "b", _clockB);
        await _a.ReadyAsync();
        await _b.ReadyAsync();
        await Eventually.HoldsAsync(() => _b.Cameras.Find("porch")?.Definition.Kind == CameraKind.Http, "node B reads porch from node A");
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        Directory.Delete(_frames, recursive: true);
    }

    [Fact]
    public async Task AnExpiredCredentialIsRefusedWith401AndTheRenewedOneIsAccepted()
    {
        var first = PorchPasswordOnB;
        Assert.Equal(HttpStatusCode.OK, await SnapshotOnAAsync(first));

        _clockA.Advance(TimeSpan.FromHours(25));
        Assert.Equal(HttpStatusCode.Unauthorized, await SnapshotOnAAsync(first));

        _clockB.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await _b.Services.GetRequiredService<PeerCredentialRenewal>().RenewDueAsync(CancellationToken.None));
        Assert.NotEqual(first, PorchPasswordOnB);
        Assert.Equal(HttpStatusCode.OK, await SnapshotOnAAsync(PorchPasswordOnB));
        Assert.DoesNotContain(_a.Logs.GetSnapshot(), entry => entry.Message.Contains(first, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARenewalKeepsTheStreamThroughTheReadingNodeGoingWithAGapOfOneReconnect()
    {
        using var client = _b.CreateBasicClient();
        using var feed = await MjpegFeed.OpenAsync(client, $"{FeedRoutes.Feed("porch")}?parts=standard");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var before = await PicturesAsync(feed, 3, timeout.Token);
        var first = PorchPasswordOnB;

        _clockB.Advance(TimeSpan.FromHours(13));
        Assert.Equal(1, await _b.Services.GetRequiredService<PeerCredentialRenewal>().RenewDueAsync(timeout.Token));
        Assert.NotEqual(first, PorchPasswordOnB);
        var after = await PicturesAsync(feed, 20, timeout.Token);

        var gaps = after.Pictures.Prepend(before.Pictures[^1]).Zip(after.Pictures, (a, b) => Stopwatch.GetElapsedTime(a.ArrivedAt, b.ArrivedAt)).ToList();
        output.WriteLine($"largest gap between pictures across the renewal: {gaps.Max().TotalMilliseconds:F0} ms (10 fps camera: 100 ms between frames); placeholders meanwhile: {after.Placeholders}");
        Assert.InRange(gaps.Max(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Contains(_a.Cameras.Find("porch")!.ReadStatistics().Subscribers, viewer => viewer.Label == "node:b");
    }

    private static async Task<(List<MjpegPart> Pictures, int Placeholders)> PicturesAsync(MjpegFeed feed, int count, CancellationToken cancellationToken)
    {
        var pictures = new List<MjpegPart>();
        var placeholders = 0;
        while (pictures.Count < count)
        {
            var part = await feed.ReadPartAsync(cancellationToken) ?? throw new InvalidOperationException("node B ended the feed");
            if (part.IsPlaceholder)
            {
                placeholders++;
            }
            else
            {
                pictures.Add(part);
            }
        }

        return (pictures, placeholders);
    }

    private async Task<HttpStatusCode> SnapshotOnAAsync(string credential)
    {
        using var client = _a.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(FeedRoutes.Snapshot("porch"), UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{NodePeerCredential.UserName}:{credential}")));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private NodeApp Node(string database, string name, MovableClock clock)
    {
        var node = new NodeApp(database, name);
        node.WithCameras(new CameraDefinition { Id = "porch", Name = "Porch", Kind = CameraKind.ImageSequence, Folder = _frames, Fps = 10, Node = "a" });
        node.WithServices(services => services.AddSingleton<TimeProvider>(clock));
        return node;
    }

    /// <summary>The system clock, moved forward by the test (timers and stopwatches keep real time).</summary>
    private sealed class MovableClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}
