using System.Net;
using System.Net.Sockets;
using Streaming.Cameras;
using Streaming.Http;

namespace Streaming.Tests.Http;

/// <summary>What each feed sender must keep: HTTP/1.0 bodies, reused connections, the slow-client gate.</summary>
public sealed class FeedSenderTests
{
    private static readonly CameraDefinition Camera = new() { Id = "cam", Width = 320, Height = 240, Fps = 20 };

    [Theory]
    [InlineData(FeedSender.Direct)]
    [InlineData(FeedSender.Kestrel)]
    public async Task HttpOneZeroClientGetsABodyEndedByClosingTheConnectionAfterAWholePart(FeedSender sender)
    {
        await using var host = await StreamingTestHost.StartAsync(sender, Camera);
        using var request = new HttpRequestMessage(HttpMethod.Get, FeedRoutes.Feed("cam"))
        {
            Version = HttpVersion.Version10,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Null(response.Content.Headers.ContentLength);

        byte[] endOfPart = [0xFF, 0xD9, .. "\r\n--frame\r\n"u8];
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (Count(received.ToArray(), endOfPart) < 3)
        {
            var read = await body.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(read > 0);
            received.Write(buffer, 0, read);
        }

        var stopping = host.StopAsync();
        await body.CopyToAsync(received).WaitAsync(TimeSpan.FromSeconds(10));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        var all = received.ToArray();
        Assert.StartsWith("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ", System.Text.Encoding.Latin1.GetString(all, 0, 60), StringComparison.Ordinal);
        Assert.True(all.AsSpan().EndsWith(endOfPart), "the body ends right after a complete JPEG and its boundary");
        AssertEveryPartIsAWholeJpeg(all);
    }

    [Theory]
    [InlineData(FeedSender.Direct)]
    [InlineData(FeedSender.Kestrel)]
    public async Task FeedOnAConnectionThatServedAnotherRequestFirstStartsWithItsHeaders(FeedSender sender)
    {
        // Like a client retrying on the same connection after a 401 challenge.
        await using var host = await StreamingTestHost.StartAsync(sender, Camera);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, MaxResponseDrainSize = 0 }) { BaseAddress = host.Address };
        using (var first = await client.GetAsync("/api/cameras"))
        {
            first.EnsureSuccessStatusCode();
            await first.Content.ReadAsStringAsync();
        }

        await using var feed = await MjpegFeed.OpenAsync(client, FeedRoutes.Feed("cam"));
        for (var i = 0; i < 3; i++)
        {
            var part = await feed.ReadPartAsync();
            Assert.True(TestImages.IsCompleteJpeg(part!.Body));
            Assert.Equal(part.Body.Length, part.ContentLength);
        }

        Assert.Contains(host.FeedLogs.GetSnapshot(), r => r.Message.EndsWith($"{sender} sender)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FeedSender.Direct)]
    [InlineData(FeedSender.Kestrel)]
    public async Task SlowClientSkipsFramesInTheServerWhileAFastClientKeepsTheCameraRate(FeedSender sender)
    {
        await using var host = await StreamingTestHost.StartAsync(sender, Camera);
        using var slowClient = new HttpClient(new SocketsHttpHandler { ConnectCallback = ConnectWithSmallReceiveBufferAsync, MaxResponseDrainSize = 0 }) { BaseAddress = host.Address };
        await using var slow = await MjpegFeed.OpenAsync(slowClient, $"{FeedRoutes.Feed("cam")}?client=slow");
        await using var fast = await MjpegFeed.OpenAsync(host.Client, $"{FeedRoutes.Feed("cam")}?client=fast");
        Assert.NotNull(await slow.ReadPictureAsync());

        // The slow client reads nothing for three seconds; the fast one reads everything. Counted are the frames
        // captured in those seconds: on a busy machine the fast feed has a backlog from before them too.
        var fastParts = 0;
        var started = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(3))
        {
            var read = await fast.ReadPartAsync();
            Assert.NotNull(read);
            fastParts += read.Timestamp >= started ? 1 : 0;
        }

        var statistics = host.Cameras.Find("cam")!.ReadStatistics().Subscribers;
        var slowStatistics = statistics.Single(s => s.Label == "slow");
        var fastStatistics = statistics.Single(s => s.Label == "fast");
        Assert.InRange(fastParts, 30, 70); // 20 fps
        Assert.True(slowStatistics.FramesSkipped >= 30, $"the slow client skipped {slowStatistics.FramesSkipped} frames");
        Assert.True(fastStatistics.FramesSent >= fastParts, $"the fast client was counted {fastStatistics.FramesSent} frames for {fastParts} read");
        Assert.True(fastStatistics.BytesSent > fastStatistics.FramesSent * 1000);

        // What waited for the slow client was at most a frame or two, so it is soon live again.
        MjpegPart? part = null;
        for (var i = 0; i < 3; i++)
        {
            part = await slow.ReadPartAsync();
        }

        Assert.InRange((DateTimeOffset.UtcNow - part!.Timestamp!.Value).TotalSeconds, 0, 1.0);
    }

    private static async ValueTask<Stream> ConnectWithSmallReceiveBufferAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 8 * 1024 };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static int Count(byte[] data, byte[] pattern)
    {
        var count = 0;
        for (var at = data.AsSpan().IndexOf(pattern); at >= 0; count++)
        {
            var next = data.AsSpan(at + pattern.Length).IndexOf(pattern);
            at = next < 0 ? -1 : at + pattern.Length + next;
        }

        return count;
    }

    /// <summary>Checks each standard part: its Content-Length matches a complete JPEG followed by the next boundary.</summary>
    private static void AssertEveryPartIsAWholeJpeg(byte[] body)
    {
        var text = System.Text.Encoding.Latin1.GetString(body);
        var parts = 0;
        for (var at = text.IndexOf("Content-Length: ", StringComparison.Ordinal); at >= 0; at = text.IndexOf("Content-Length: ", at + 1, StringComparison.Ordinal))
        {
            var lineEnd = text.IndexOf("\r\n", at, StringComparison.Ordinal);
            var length = int.Parse(text.AsSpan(at + 16, lineEnd - at - 16), System.Globalization.CultureInfo.InvariantCulture);
            var start = text.IndexOf("\r\n\r\n", at, StringComparison.Ordinal) + 4;
            Assert.True(TestImages.IsCompleteJpeg(body.AsMemory(start, length)));
            Assert.Equal("\r\n--frame\r\n", text.Substring(start + length, 11));
            parts++;
        }

        Assert.True(parts >= 3);
    }
}
