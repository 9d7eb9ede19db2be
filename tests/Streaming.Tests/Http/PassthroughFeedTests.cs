using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Http;

namespace Streaming.Tests.Http;

/// <summary>
/// JPEG sources reach a client byte for byte: the parts a client of <c>/video_feed</c> receives hash to the
/// source files, for an MJPEG .avi (played by the app itself), the same frames in Matroska (read through OpenCV's
/// FFmpeg backend as raw packets) and for a program writing MJPEG to stdout. Each of them reads frames into pooled
/// arrays, which go back to the pool once sent and carry later frames, and still every byte is right; the cards a
/// camera slow to start sends first (arrays of their own) mix in without harm.
/// </summary>
public sealed class PassthroughFeedTests : IAsyncLifetime
{
    private const int SourceFrames = 12;
    private readonly string _folder = Directory.CreateTempSubdirectory("passthrough-").FullName;
    private readonly HashSet<string> _sourceHashes = [];
    private StreamingTestHost _host = null!;

    private string Clip => Path.Combine(_folder, "clip.avi");

    private string Matroska => Path.Combine(_folder, "clip.mkv");

    public async Task InitializeAsync()
    {
        for (var i = 0; i < SourceFrames; i++)
        {
            var jpeg = TestImages.Jpeg(320, 240, (byte)(i * 20));
            await File.WriteAllBytesAsync(Path.Combine(_folder, $"frame_{i:D3}.jpg"), jpeg);
            _sourceHashes.Add(Convert.ToHexString(SHA256.HashData(jpeg)));
        }

        // -c:v copy stores the JPEG files in the .avi untouched (docs: GOTCHAS).
        await Programs.RunAsync("ffmpeg", "-loglevel", "error", "-y", "-framerate", "30", "-i", Path.Combine(_folder, "frame_%03d.jpg"), "-c:v", "copy", Clip);
        await Programs.RunAsync("ffmpeg", "-loglevel", "error", "-y", "-framerate", "30", "-i", Path.Combine(_folder, "frame_%03d.jpg"), "-c:v", "copy", Matroska);
        _host = await StreamingTestHost.StartAsync(
            new CameraDefinition { Id = "avi", Kind = CameraKind.OpenCv, File = Clip, Fps = 30 },
            new CameraDefinition { Id = "mkv", Kind = CameraKind.OpenCv, File = Matroska, Fps = 30 },
            new CameraDefinition
            {
                // Its first frame comes after the heartbeat has sent "starting" cards, as a camera slow to start does.
                Id = "slow",
                Kind = CameraKind.Command,
                Command = "sh",
                Arguments = ["-c", "sleep 2; exec ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i \"$0\" -c copy -f mjpeg -", Clip],
            },
            new CameraDefinition
            {
                Id = "cmd",
                Kind = CameraKind.Command,
                Command = "ffmpeg",
                Arguments = ["-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", Clip, "-c", "copy", "-f", "mjpeg", "-"],
            });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("avi")]
    [InlineData("mkv")]
    [InlineData("cmd")]
    public async Task EveryPictureAClientReceivesIsOneOfTheSourceJpegsByteForByte(string camera)
    {
        await using var feed = await MjpegFeed.OpenAsync(_host.Client, FeedRoutes.Feed(camera));
        var received = new List<string>();
        for (var i = 0; i < SourceFrames * 2; i++)
        {
            var part = await feed.ReadPictureAsync();
            Assert.NotNull(part);
            Assert.Equal(part.Body.Length, part.ContentLength);
            received.Add(Convert.ToHexString(SHA256.HashData(part.Body)));
        }

        Assert.All(received, hash => Assert.Contains(hash, _sourceHashes));
        Assert.True(received.Distinct().Count() >= SourceFrames / 2, $"{received.Distinct().Count()} distinct frames of {SourceFrames}");

        using var json = JsonDocument.Parse(await _host.Client.GetStringAsync($"/api/cameras/{camera}"));
        var capture = json.RootElement.GetProperty("capture");
        Assert.Equal(0, capture.GetProperty("framesEncoded").GetInt64());
        Assert.Equal(0, capture.GetProperty("framesDecoded").GetInt64());
        Assert.Equal("passed through", capture.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("avi")]
    [InlineData("mkv")]
    [InlineData("cmd")]
    [InlineData("slow")]
    public async Task AFrameGoesBackToThePoolOnceTheFeedHasSentItAndTheNextFramesArriveIntact(string camera)
    {
        var seen = new FrameLog();
        await using var watch = _host.Cameras.Find(camera)!.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Feed, Label = "test" });
        watch.DeliverTo(seen);
        await using var feed = await MjpegFeed.OpenAsync(_host.Client, FeedRoutes.Feed(camera));
        for (var i = 0; i < SourceFrames * 2; i++)
        {
            var part = await feed.ReadPictureAsync();
            Assert.Contains(Convert.ToHexString(SHA256.HashData(part!.Body)), _sourceHashes);
        }

        // The broadcaster keeps the newest frame and the sender the one it writes; every older one goes back to the pool.
        // (A camera slow to start sends "starting" cards first, drawn into arrays of their own.)
        var older = seen.Frames.ToArray()[..^3].Where(f => !f.IsPlaceholder).ToArray();
        Assert.True(older.Length >= SourceFrames, $"{older.Length} frames");
        if (camera == "slow")
        {
            Assert.Contains(seen.Frames, f => f.IsPlaceholder);
        }
        await Eventually.HoldsAsync(
            async () =>
            {
                // The viewer reads on, as a viewer does: a part the sender is still writing gets to its end.
                Assert.NotNull(await feed.ReadPictureAsync());
                return older.All(f => f.ReturnedToPool);
            },
            "every frame sent and replaced went back to the pool");
    }

    /// <summary>Notes every frame offered without holding any (so it never keeps one from the pool).</summary>
    private sealed class FrameLog : IFrameSink
    {
        public ConcurrentQueue<JpegFrame> Frames { get; } = new();

        public void Offer(JpegFrame frame) => Frames.Enqueue(frame);

        public void Complete()
        {
        }
    }
}
