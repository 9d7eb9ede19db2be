using System.Net;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Http;
using Streaming.Tests.Sources;

namespace Streaming.Tests.Http;

/// <summary>The feed as clients see it, on both senders (<see cref="FeedSender"/>).</summary>
public abstract class VideoFeedTests(FeedSender sender) : StreamingHostTest(
    sender,
    new CameraDefinition { Id = "front", Name = "Front", Width = 320, Height = 240, Fps = 20 },
    new CameraDefinition { Id = "side", Width = 160, Height = 120, Fps = 20 },
    new CameraDefinition { Id = "broken", Kind = CameraKind.Command, Command = "false" },
    new CameraDefinition { Id = "misconfigured", Fps = -1 })
{
    private readonly FeedSender _sender = sender;

    [Theory]
    [InlineData("/video_feed", 320, 240)]
    [InlineData("/video_feed/side", 160, 120)]
    public async Task FeedIsASequenceOfCompleteJpegsWithIncreasingTimestamps(string path, int width, int height)
    {
        await using var feed = await MjpegFeed.OpenAsync(Host.Client, path);

        var parts = new List<MjpegPart>();
        for (var i = 0; i < 6; i++)
        {
            parts.Add((await feed.ReadPictureAsync())!);
        }

        Assert.All(parts, part =>
        {
            Assert.Equal("image/jpeg", part.ContentType);
            Assert.Equal(part.Body.Length, part.ContentLength);
            Assert.True(TestImages.IsCompleteJpeg(part.Body));
            Assert.Equal((width, height), (TestImages.Decode(part.Body).Width, TestImages.Decode(part.Body).Height));
        });
        var timestamps = parts.Select(p => p.Timestamp!.Value).ToList();
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.True(timestamps[^1] > timestamps[0]);
        Assert.InRange((DateTimeOffset.UtcNow - timestamps[^1]).TotalSeconds, -1, 5);
    }

    [Fact]
    public async Task FeedIsWrittenByTheConfiguredSender()
    {
        await using var feed = await MjpegFeed.OpenAsync(Host.Client, "/video_feed/side");
        Assert.NotNull(await feed.ReadPartAsync());

        var started = Assert.Single(Host.FeedLogs.GetSnapshot(), r => r.Message.StartsWith("Feed started", StringComparison.Ordinal));
        Assert.EndsWith($"(Standard parts, {_sender} sender)", started.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedIsNotCachedOrBuffered()
    {
        await using var feed = await MjpegFeed.OpenAsync(Host.Client, "/video_feed/front");
        var response = feed.Response;

        Assert.Equal("multipart/x-mixed-replace; boundary=frame", response.Content.Headers.ContentType!.ToString());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.True(response.Headers.CacheControl.NoCache);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
    }

    [Fact]
    public async Task DisconnectingClientIsRemovedAtOnce()
    {
        var camera = Host.Cameras.Find("side")!;
        var feed = await MjpegFeed.OpenAsync(Host.Client, "/video_feed/side?client=kitchen-tablet");
        await feed.ReadPartAsync();
        var subscriber = Assert.Single(camera.ReadStatistics().Subscribers);
        Assert.Equal((SubscriberKind.Feed, "kitchen-tablet", "127.0.0.1"), (subscriber.Kind, subscriber.Label, subscriber.RemoteAddress));

        await feed.DisposeAsync();

        await Eventually.HoldsAsync(() => camera.SubscriberCount == 0, "the subscriber is gone", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task FpsParameterCapsThatClientsRate()
    {
        await using var capped = await MjpegFeed.OpenAsync(Host.Client, "/video_feed/front?fps=4");
        await capped.ReadPartAsync();
        var started = DateTimeOffset.UtcNow;

        for (var i = 0; i < 4; i++)
        {
            await capped.ReadPartAsync();
        }

        // Four more parts at 4 fps take about a second; uncapped (20 fps) they would take 0.2 s.
        Assert.InRange((DateTimeOffset.UtcNow - started).TotalSeconds, 0.8, 3);
    }

    [Theory]
    [InlineData("/video_feed/nope", HttpStatusCode.NotFound, "Unknown camera 'nope'.")]
    [InlineData("/video_feed/front?fps=fast", HttpStatusCode.BadRequest, "Query parameter 'fps' must be one number from 0.1 to 120.")]
    [InlineData("/video_feed/front?fps=0", HttpStatusCode.BadRequest, "Query parameter 'fps' must be one number from 0.1 to 120.")]
    [InlineData("/video_feed?fps=1&fps=2", HttpStatusCode.BadRequest, "Query parameter 'fps' must be one number from 0.1 to 120.")]
    [InlineData("/video_feed/front?client=", HttpStatusCode.BadRequest, "Query parameter 'client' must be one name of 1 to 64 printable characters.")]
    [InlineData("/video_feed/front?parts=fancy", HttpStatusCode.BadRequest, "Query parameter 'parts' must be 'standard' or 'eager'.")]
    public async Task BadRequestsGetAClearAnswer(string path, HttpStatusCode status, string message)
    {
        using var response = await Host.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FailingCameraSendsNoSignalCardsWhileOthersStream()
    {
        await using var broken = await MjpegFeed.OpenAsync(Host.Client, "/video_feed/broken");
        await using var healthy = await MjpegFeed.OpenAsync(Host.Client, "/video_feed/front");

        var first = await broken.ReadPartAsync();
        var second = await broken.ReadPartAsync();

        Assert.True(first!.IsPlaceholder && second!.IsPlaceholder);
        Assert.True(TestImages.IsCompleteJpeg(first.Body));
        Assert.True(second!.Timestamp > first.Timestamp);
        Assert.NotNull(await healthy.ReadPartAsync());
        var camera = Host.Cameras.Find("broken")!;
        Assert.Equal(CameraState.Reconnecting, camera.State);
        Assert.Equal("Camera 'broken': 'false' exited with code 1.", camera.Status.LastError);
    }

    [Fact]
    public async Task MisconfiguredCameraIsFailedAndTheRestOfTheAppWorks()
    {
        var camera = Host.Cameras.Find("misconfigured")!;
        Assert.Equal(CameraState.Failed, camera.State);

        await using var feed = await MjpegFeed.OpenAsync(Host.Client, "/video_feed/misconfigured");
        Assert.True(TestImages.IsCompleteJpeg((await feed.ReadPartAsync())!.Body));
    }

    [Fact]
    public async Task CommandSourceStreamsFfmpegFramesWithoutReencoding()
    {
        await using var host = await StreamingTestHost.StartAsync(_sender, CommandSourceTests.Ffmpeg("ffmpeg", "640x360", 15));
        await using var feed = await MjpegFeed.OpenAsync(host.Client, "/video_feed/ffmpeg");

        for (var i = 0; i < 5; i++)
        {
            var part = await feed.ReadPictureAsync();
            Assert.Equal((640, 360), (TestImages.Decode(part!.Body).Width, TestImages.Decode(part.Body).Height));
        }

        var statistics = host.Cameras.Find("ffmpeg")!.ReadStatistics();
        Assert.True(statistics.FramesCaptured >= 5);
        Assert.Equal(0, statistics.FramesEncoded);
    }

    [Fact]
    public async Task StoppingTheAppEndsStreamsCleanlyAfterAWholePart()
    {
        await using var host = await StreamingTestHost.StartAsync(_sender, new CameraDefinition { Id = "c", Width = 160, Height = 120, Fps = 20 });
        using var response = await host.Client.GetAsync("/video_feed/c", HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.Headers.TransferEncodingChunked);
        var body = await response.Content.ReadAsStreamAsync();
        byte[] endOfPart = [0xFF, 0xD9, .. "\r\n--frame\r\n"u8];
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (received.ToArray().AsSpan().IndexOf(endOfPart) < 0)
        {
            var read = await body.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(read > 0);
            received.Write(buffer, 0, read);
        }

        var stopping = host.StopAsync();
        await body.CopyToAsync(received).WaitAsync(TimeSpan.FromSeconds(10)); // an aborted response would throw here
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        // The body ended with its last chunk (else the read above would have thrown), right after a whole part.
        var tail = received.ToArray();
        Assert.True(tail.AsSpan().EndsWith(endOfPart), "the stream ends right after a complete JPEG and its boundary");
    }

    [Fact]
    public async Task BrowsersGetEachPartsHeadersRightAfterThePreviousPart()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/video_feed/side");
        request.Headers.Add("Sec-Fetch-Dest", "image");
        using var response = await Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();

        byte[] endOfFrameAndNextHeaders = [0xFF, 0xD9, .. "\r\n--frame\r\nContent-Type: image/jpeg\r\n\r\n"u8];
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!received.ToArray().AsSpan().EndsWith(endOfFrameAndNextHeaders) && DateTime.UtcNow < deadline)
        {
            var read = await body.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(read > 0);
            received.Write(buffer, 0, read);
        }

        Assert.True(received.ToArray().AsSpan().EndsWith(endOfFrameAndNextHeaders), "a read ends right after a frame and the next part's headers");
        byte[] opening = [.. "--frame\r\nContent-Type: image/jpeg\r\n\r\n"u8, 0xFF, 0xD8];
        Assert.True(received.ToArray().AsSpan().StartsWith(opening), "the first part's headers carry only the content type");
    }

    [Fact]
    public async Task PartsParameterChoosesTheFramingExplicitly()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/video_feed/side?parts=standard");
        request.Headers.Add("Sec-Fetch-Dest", "image");
        using var response = await Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var feed = await MjpegFeed.OpenAsync(Host.Client, "/video_feed/side?parts=eager");

        var eagerPart = await feed.ReadPartAsync();
        var standard = System.Text.Encoding.Latin1.GetString(await ReadSomeAsync(await response.Content.ReadAsStreamAsync()));

        Assert.Null(eagerPart!.ContentLength);
        Assert.True(TestImages.IsCompleteJpeg(eagerPart.Body));
        Assert.StartsWith("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ", standard, StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadSomeAsync(Stream body)
    {
        var buffer = new byte[256];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await body.ReadAsync(buffer.AsMemory(read)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(n > 0);
            read += n;
        }

        return buffer;
    }
}

public sealed class DirectSenderVideoFeedTests() : VideoFeedTests(FeedSender.Direct);

public sealed class KestrelSenderVideoFeedTests() : VideoFeedTests(FeedSender.Kestrel);
