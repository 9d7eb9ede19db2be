using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Streaming.Cameras;
using Streaming.Http;

namespace Streaming.Tests.Sources;

/// <summary>Http cameras inside the streaming host: what viewers of the relaying app get, and how failures show.</summary>
public sealed class HttpCameraRelayTests
{
    private static readonly Dictionary<string, string?> QuickRetries = new()
    {
        ["Streaming:FrameTimeout"] = "00:00:01",
        ["Streaming:ReconnectInitialDelay"] = "00:00:00.1",
        ["Streaming:ReconnectMaxDelay"] = "00:00:00.5",
    };

    private static CameraDefinition Relay(string url, string? userName = null, string? password = null) =>
        HttpCameraSourceTests.Camera(url, userName, password) with { Id = "relay" };

    /// <summary>Distinct JPEG files in a new folder (deleted with the returned handle).</summary>
    private static TempFolder Jpegs(int count, int width = 320, int height = 240)
    {
        var folder = new TempFolder();
        for (var i = 0; i < count; i++)
        {
            File.WriteAllBytes(Path.Combine(folder.Path, $"frame_{i + 1:00000}.jpg"), TestImages.Jpeg(width, height, (byte)(i * 255 / count)));
        }

        return folder;
    }

    private static HashSet<string> Hashes(TempFolder folder) =>
        [.. Directory.GetFiles(folder.Path, "*.jpg").Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))];

    private static string Hash(byte[] data) => Convert.ToHexString(SHA256.HashData(data));

    [Fact]
    public async Task FramesFromFfmpegsMjpegServerReachViewersByteForByte()
    {
        using var folder = Jpegs(30);
        var clip = Path.Combine(folder.Path, "clip.avi");
        await Programs.RunAsync("ffmpeg", "-hide_banner", "-loglevel", "error", "-framerate", "30", "-i", Path.Combine(folder.Path, "frame_%05d.jpg"), "-c:v", "copy", clip);
        var port = FreePort();
        using var server = Process.Start(new ProcessStartInfo("ffmpeg")
        {
            ArgumentList =
            {
                "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", clip, "-c", "copy", "-f", "mpjpeg",
                "-content_type", "multipart/x-mixed-replace;boundary=ffmpeg", "-listen", "1", $"http://127.0.0.1:{port}/cam.mjpg",
            },
        })!;
        try
        {
            await using var host = await StreamingTestHost.StartAsync(QuickRetries, null, Relay($"http://127.0.0.1:{port}/cam.mjpg"));
            await using var feed = await MjpegFeed.OpenAsync(host.Client, FeedRoutes.Feed("relay"));

            var received = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                received.Add(Hash((await feed.ReadPictureAsync(TimeSpan.FromSeconds(15)))!.Body));
            }

            Assert.Subset(Hashes(folder), received.ToHashSet());
            Assert.True(received.Distinct().Count() >= 20, $"{received.Distinct().Count()} different frames of 40");
            Assert.Equal(0, host.Cameras.Find("relay")!.ReadStatistics().FramesEncoded);
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task FramesOfAnotherStreamingHostReachViewersByteForByteWithTheirCaptureTime()
    {
        using var folder = Jpegs(10);
        await using var origin = await StreamingTestHost.StartAsync(new CameraDefinition { Id = "seq", Kind = CameraKind.ImageSequence, Folder = folder.Path, Fps = 10 });
        await using var relay = await StreamingTestHost.StartAsync(QuickRetries, null, Relay(new Uri(origin.Address, FeedRoutes.Feed("seq")).ToString()));

        // What the origin sends (bytes and capture time), read alongside what the relay sends.
        await using var direct = await MjpegFeed.OpenAsync(origin.Client, FeedRoutes.Feed("seq"));
        using var stop = new CancellationTokenSource();
        var sent = new System.Collections.Concurrent.ConcurrentDictionary<(string, DateTimeOffset), bool>();
        var reading = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && await direct.ReadPictureAsync() is { } part)
            {
                sent[(Hash(part.Body), part.Timestamp!.Value)] = true;
            }
        });
        await using var feed = await MjpegFeed.OpenAsync(relay.Client, FeedRoutes.Feed("relay"));

        var received = new List<MjpegPart>();
        for (var i = 0; i < 15; i++)
        {
            received.Add((await feed.ReadPictureAsync())!);
        }

        await Eventually.HoldsAsync(() => received.All(p => sent.ContainsKey((Hash(p.Body), p.Timestamp!.Value))), "the origin's reader has seen every frame the relay sent");
        await stop.CancelAsync();
        await direct.DisposeAsync();
        await Task.WhenAny(reading); // ends when its stream is gone, however it ends

        Assert.Subset(Hashes(folder), received.Select(p => Hash(p.Body)).ToHashSet());
        Assert.True(received.Select(p => Hash(p.Body)).Distinct().Count() >= 8);
    }

    [Fact]
    public async Task ARemoteThatStallsFailsAfterFrameTimeoutAndIsReopened()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", async context =>
        {
            context.Response.ContentType = new PartFraming().ContentType;
            await RemoteCamera.WritePartAsync(context.Response.Body, TestImages.Jpeg(), new PartFraming(), "", first: true, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        await using var host = await StreamingTestHost.StartAsync(QuickRetries, null, Relay(remote.Url("/stream")));
        await using var feed = await MjpegFeed.OpenAsync(host.Client, FeedRoutes.Feed("relay"));
        var camera = host.Cameras.Find("relay")!;

        string? error = null;
        await Eventually.HoldsAsync(() => (error = camera.Status.LastError) is not null, "the stalled stream counts as a failure");

        Assert.Equal("Camera 'relay': no frame for 1 s.", error);
        await Eventually.HoldsAsync(() => remote.Requests >= 2, "the camera opened the stream again");
    }

    [Fact]
    public async Task ARemoteThatClosesInTheMiddleOfAFrameIsReopenedAndItsWholeFramesShown()
    {
        var whole = TestImages.Jpeg(shade: 60);
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", async context =>
        {
            context.Response.ContentType = new PartFraming().ContentType;
            await RemoteCamera.WritePartAsync(context.Response.Body, whole, new PartFraming(), "", first: true, context.RequestAborted);
            await RemoteCamera.WritePartAsync(context.Response.Body, whole[..(whole.Length / 2)], new PartFraming(ContentLength: false), "", first: false, context.RequestAborted);
        }));
        await using var host = await StreamingTestHost.StartAsync(QuickRetries, null, Relay(remote.Url("/stream")));
        await using var feed = await MjpegFeed.OpenAsync(host.Client, FeedRoutes.Feed("relay"));
        var camera = host.Cameras.Find("relay")!;

        string? error = null;
        await Eventually.HoldsAsync(() => remote.Requests >= 3 && (error = camera.Status.LastError) is not null, "the camera opened the stream again after each cut");

        Assert.Equal(whole, (await feed.ReadPictureAsync())!.Body);
        Assert.Equal($"Camera 'relay': {remote.Url("/stream")} closed the stream in the middle of a frame.", error);
    }

    [Fact]
    public async Task TheCameraReconnectsWhenTheRemoteComesBack()
    {
        var first = TestImages.Jpeg(shade: 20);
        var second = TestImages.Jpeg(shade: 220);
        var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", context => RemoteCamera.WriteStreamAsync(context, [first], new PartFraming(), TimeSpan.FromMilliseconds(50))));
        var port = remote.Address.Port;
        await using var host = await StreamingTestHost.StartAsync(QuickRetries, null, Relay(remote.Url("/stream")));
        await using var feed = await MjpegFeed.OpenAsync(host.Client, FeedRoutes.Feed("relay"));
        var camera = host.Cameras.Find("relay")!;
        Assert.Equal(first, (await feed.ReadPictureAsync())!.Body);

        await remote.DisposeAsync();
        await Eventually.HoldsAsync(() => camera.State == CameraState.Reconnecting, "the camera noticed the remote is gone");
        await using var back = await RemoteCamera.StartAsync(app => app.MapGet("/stream", context => RemoteCamera.WriteStreamAsync(context, [second], new PartFraming(), TimeSpan.FromMilliseconds(50))), port: port);

        await Eventually.HoldsAsync(async () => (await feed.ReadPictureAsync())!.Body.SequenceEqual(second), "the viewer gets frames of the remote that came back", TimeSpan.FromSeconds(15));
        Assert.Equal(CameraState.Streaming, camera.State);
    }

    [Fact]
    public async Task RefusedCredentialsShowAsACameraErrorAndThePasswordNowhere()
    {
        const string password = "wr0ng-Pa55word";
        var gate = new DigestGate("admin", "right-password", "SHA-256");
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", async context => await gate.AdmitAsync(context)));
        using var logs = new FakeLoggerProvider();
        await using var host = await StreamingTestHost.StartAsync(
            QuickRetries,
            builder => builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs),
            Relay(remote.Url("/stream?token=share-token-123"), "admin", password));
        await using var feed = await MjpegFeed.OpenAsync(host.Client, FeedRoutes.Feed("relay"));
        var camera = host.Cameras.Find("relay")!;

        await Eventually.HoldsAsync(() => camera.Status.LastError is not null && gate.Challenges >= 4, "the camera tried twice and gave up twice");

        // Never streams, so the error stays.

        var json = await host.Client.GetStringAsync("/api/cameras/relay");

        Assert.Equal($"Camera 'relay': {remote.Url("/stream")}?... refused the user name and password (401 Unauthorized).", camera.Status.LastError);
        Assert.Contains("\"userName\":\"admin\"", json, StringComparison.Ordinal);
        Assert.Contains("\"passwordSet\":true", json, StringComparison.Ordinal);
        var logged = string.Join("\n", logs.Collector.GetSnapshot().Select(r => $"{r.Message} {r.Exception}"));
        Assert.Contains("refused the user name and password", logged, StringComparison.Ordinal);
        foreach (var secret in new[] { password, "share-token-123" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logged, StringComparison.Ordinal);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("http-camera-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
