using System.Net;
using System.Text.Json;
using Streaming.Cameras;
using Streaming.Http;

namespace Streaming.Tests.Http;

public sealed class CameraApiTests() : StreamingHostTest(
    new CameraDefinition { Id = "front", Name = "Front door", Width = 320, Height = 240, Fps = 10 },
    new CameraDefinition { Id = "ip", Kind = CameraKind.Command, Command = "sh", Arguments = ["-c", "ffmpeg -i rtsp://admin:hunter2@10.0.0.9/live"] })
{

    [Fact]
    public async Task ListShowsStateSettingsStatisticsAndViewers()
    {
        await using var feed = await MjpegFeed.OpenAsync(Host.Client, $"{FeedRoutes.Feed("front")}?client=wall");

        // Pictures, not parts: on a busy machine the first part can be the "starting" card, which is no capture.
        await feed.ReadPictureAsync();
        await feed.ReadPictureAsync();

        using var json = JsonDocument.Parse(await Host.Client.GetStringAsync("/api/cameras"));

        var front = json.RootElement[0];
        Assert.Equal("front", front.GetProperty("id").GetString());
        Assert.Equal("Front door", front.GetProperty("name").GetString());
        Assert.Equal("Streaming", front.GetProperty("state").GetString());
        Assert.True(front.GetProperty("isDefault").GetBoolean());
        Assert.Equal(320, front.GetProperty("settings").GetProperty("width").GetInt32());
        Assert.True(front.GetProperty("capture").GetProperty("framesCaptured").GetInt64() >= 2);
        Assert.Equal("/video_feed/front", front.GetProperty("links").GetProperty("feed").GetString());
        var viewer = Assert.Single(front.GetProperty("subscribers").EnumerateArray());
        Assert.Equal("feed", viewer.GetProperty("kind").GetString()!.ToLowerInvariant());
        Assert.Equal("wall", viewer.GetProperty("label").GetString());
        Assert.True(viewer.GetProperty("framesSent").GetInt64() >= 2);
    }

    [Fact]
    public async Task CredentialsInSettingsAreMasked()
    {
        var text = await Host.Client.GetStringAsync("/api/cameras/ip");

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("rtsp://***@10.0.0.9/live", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCameraIs404()
    {
        using var response = await Host.Client.GetAsync("/api/cameras/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
