using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Dashboard.Motion;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Avi;
using Streaming.Cameras;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

/// <summary>The dashboard with one idle camera and one stored clip of 50 numbered frames, 100 ms apart (4.9 s).</summary>
public sealed class StoredClipApp : IAsyncLifetime
{
    public const string CameraId = "porch";

    public DashboardApp App { get; } = new DashboardApp()
        .WithSetting("Motion:MinFreeBytes", "0")
        .WithCameras(new CameraDefinition { Id = CameraId, Name = "Front porch", Width = 320, Height = 180, Fps = 2 });

    internal StoredClip Clip { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _ = App.Address;
        Clip = await StoredClip.AddAsync(App.Services, CameraId, DateTimeOffset.UtcNow.AddMinutes(-30), 50, TimeSpan.FromMilliseconds(100));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class ClipPlaybackTests(StoredClipApp fixture) : IClassFixture<StoredClipApp>
{
    // How much earlier than its clip time a part may seem to arrive: timer and clock granularity.
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(50);
    private readonly DashboardApp _app = fixture.App;
    private readonly StoredClip _clip = fixture.Clip;

    private string Play(string query = "") => $"{MotionLinks.Clip(_clip.Event).Replace("clip.avi", "play.mjpg", StringComparison.Ordinal)}?parts=standard{query}";

    /// <summary>Every part until the server ends the stream, with when each arrived, and when the request was sent.</summary>
    private static async Task<(List<MjpegPart> Parts, long Requested)> ReadToEndAsync(HttpClient client, string path)
    {
        var requested = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reader = new MjpegFeed(await response.Content.ReadAsStreamAsync(timeout.Token));
        var parts = new List<MjpegPart>();
        while (await reader.ReadPartAsync(timeout.Token) is { } part)
        {
            parts.Add(part);
        }

        return (parts, requested);
    }

    private async Task<List<string>> FramesInTheAviAsync()
    {
        var storage = _app.Services.GetRequiredService<ClipStorage>();
        await using var avi = await MjpegAviReader.OpenAsync(storage.ClipPath(_clip.Event.CameraId, _clip.Event.Id), CancellationToken.None);
        var hashes = new List<string>();
        foreach (var frame in avi.Frames)
        {
            hashes.Add(Convert.ToHexString(SHA256.HashData(await avi.ReadAsync(frame, CancellationToken.None))));
        }

        return hashes;
    }

    /// <summary>Part i is due at its clip time less <paramref name="at"/> (the first part, on screen at <paramref name="at"/>, at once).</summary>
    /// <remarks>
    /// Counted from the request: the server cannot start its clock before it, so a part that arrives before its time
    /// counted from there was sent early. (Counted from the first part, a first part delivered late made the next ones
    /// look early on a busy machine.)
    /// </remarks>
    private void AssertPacedFrom((List<MjpegPart> Parts, long Requested) played, int first, TimeSpan at)
    {
        var (parts, requested) = played;

        // Never early against the clip's times, and in all about as long as the clip from there.
        for (var i = 1; i < parts.Count; i++)
        {
            var sent = Stopwatch.GetElapsedTime(requested, parts[i].ArrivedAt);
            var due = _clip.Times[first + i] - at;
            Assert.True(sent >= due - Early, $"part {i} arrived at {sent.TotalMilliseconds:0} ms, before its time {due.TotalMilliseconds:0} ms");
        }

        var total = Stopwatch.GetElapsedTime(requested, parts[^1].ArrivedAt);
        var expected = _clip.Duration - at;
        Assert.InRange(total.TotalSeconds, (expected - Early).TotalSeconds, (expected + TimeSpan.FromSeconds(1)).TotalSeconds);
    }

    [Fact]
    public async Task PlaybackSendsTheClipsFramesByteForByteAtTheirOriginalPaceAndEndsAtTheClipsEnd()
    {
        using var client = _app.CreateBasicClient();

        var played = await ReadToEndAsync(client, Play());

        var avi = await FramesInTheAviAsync();
        Assert.Equal(avi, played.Parts.Select(p => Convert.ToHexString(SHA256.HashData(p.Body))));
        Assert.Equal(_clip.Jpegs.Select(j => Convert.ToHexString(SHA256.HashData(j))), avi);
        AssertPacedFrom(played, 0, TimeSpan.Zero);
    }

    [Fact]
    public async Task AtStartsWithTheFrameShowingAtThatTimeAndGoesOnFromThere()
    {
        using var client = _app.CreateBasicClient();

        var played = await ReadToEndAsync(client, Play("&at=2.35"));

        // 2.35 s falls between frame 23 (2.3 s) and 24 (2.4 s): frame 23 is on screen then.
        Assert.Equal(_clip.Jpegs.Skip(23), played.Parts.Select(p => p.Body));
        AssertPacedFrom(played, 23, TimeSpan.FromSeconds(2.35));
    }

    [Theory]
    [InlineData("&at=-1", "'at' must be one number of seconds")]
    [InlineData("&at=soon", "'at' must be one number of seconds")]
    [InlineData("&at=NaN", "'at' must be one number of seconds")]
    [InlineData("&at=1&at=2", "'at' must be one number of seconds")]
    [InlineData("&at=5.5", "past the clip's end (4.9 s)")]
    [InlineData("&player=nobody", "'player' must be one player id")]
    public async Task BadQueriesAreRefusedWith400AndASentence(string query, string message)
    {
        using var client = _app.CreateBasicClient();

        using var response = await client.GetAsync(Play(query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEventsClosedPlayersAndEventsWithoutAClipAre404()
    {
        using var client = _app.CreateBasicClient();
        var noClip = MotionAlertsHost.Notice(MotionNoticeKind.Ended, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(-4)).Event with { CameraId = StoredClipApp.CameraId, ClipFile = null };
        await _app.Services.GetRequiredService<MotionEventStore>().HandleAsync(new MotionNotice(MotionNoticeKind.Ended, noClip), CancellationToken.None);

        using var unknown = await client.GetAsync($"api/events/porch/{Guid.CreateVersion7():N}/play.mjpg");
        using var otherCamera = await client.GetAsync($"api/events/yard/{_clip.Event.Id:N}/play.mjpg");
        using var closedPlayer = await client.GetAsync(Play($"&player={Guid.NewGuid():N}"));
        using var withoutClip = await client.GetAsync($"api/events/porch/{noClip.Id:N}/play.mjpg");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("There is no such event.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, otherCamera.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, closedPlayer.StatusCode);
        Assert.Contains("player was closed", await closedPlayer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, withoutClip.StatusCode);
        Assert.Equal("No clip (recording was paused).", await withoutClip.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnonymousRequestsAreRefused()
    {
        using var client = _app.CreateRawClient();

        using var response = await client.GetAsync(Play());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task APlayersStreamStopsOnTheServerWhenItSeeksAndWhenItCloses()
    {
        var players = _app.Services.GetRequiredService<ClipPlayers>();
        var player = Guid.NewGuid();
        players.Open(player);
        using var client = _app.CreateBasicClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var first = await client.GetAsync(Play($"&player={player:N}"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var firstParts = new MjpegFeed(await first.Content.ReadAsStreamAsync(timeout.Token));
        Assert.NotNull(await firstParts.ReadPartAsync(timeout.Token));
        using var seek = await client.GetAsync(Play($"&player={player:N}&at=1"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var seekParts = new MjpegFeed(await seek.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal(_clip.Jpegs[10], (await seekParts.ReadPartAsync(timeout.Token))!.Body);

        // The seek replaced the first stream: it ends after a whole part, long before the clip would.
        Assert.InRange(await CountToEndAsync(firstParts, timeout.Token), 0, 40);
        players.Close(player);
        Assert.InRange(await CountToEndAsync(seekParts, timeout.Token), 0, 30);

        await Eventually.HoldsAsync(() => players.Streams == 0, "no player stream is left on the server");
    }

    private static async Task<int> CountToEndAsync(MjpegFeed parts, CancellationToken cancellationToken)
    {
        var count = 0;
        while (await parts.ReadPartAsync(cancellationToken) is not null)
        {
            count++;
        }

        return count;
    }
}
