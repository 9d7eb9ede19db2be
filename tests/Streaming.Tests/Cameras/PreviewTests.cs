using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Imaging;
using Streaming.Tests.Support;

namespace Streaming.Tests.Cameras;

public sealed class PreviewTests
{
    private static SubscriberInfo Tile(string id) => new() { Id = id, Kind = SubscriberKind.Dashboard };

    [Fact]
    public async Task PreviewIsScaledDownAndEncodedOnceForEveryTile()
    {
        await using var fixture = new CameraFixture(new StreamingOptions { PreviewWidth = 32, PreviewMaxFps = 1000 });
        var camera = await fixture.AddAsync();
        var tiles = Enumerable.Range(0, 5).Select(i => camera.Subscribe(Tile($"t{i}"), FrameVariant.Preview)).ToList();

        fixture.Sources.EmitImage();
        var frames = new List<JpegFrame>();
        foreach (var tile in tiles)
        {
            frames.Add((await tile.ReadAsync().Within())!);
        }

        Assert.All(frames, f => Assert.Same(frames[0], f));
        Assert.Equal((32, 24), (frames[0].Width, frames[0].Height));
        Assert.Equal((32, 24), (TestImages.Decode(frames[0].Data).Width, TestImages.Decode(frames[0].Data).Height));
        var statistics = camera.ReadStatistics();
        // Only tiles watch: the full-size frame is never encoded, the preview once.
        Assert.Equal((0L, 1L), (statistics.FramesEncoded, statistics.PreviewFramesEncoded));
        Assert.Equal(5, statistics.Subscribers.Count(s => s.Kind == SubscriberKind.Dashboard));
        foreach (var tile in tiles)
        {
            await tile.DisposeAsync();
        }
    }

    [Fact]
    public async Task PassedThroughJpegsAreShrunkForThePreview()
    {
        await using var fixture = new CameraFixture(new StreamingOptions { PreviewWidth = 40, PreviewMaxFps = 1000 });
        var camera = await fixture.AddAsync();
        await using var tile = camera.Subscribe(Tile("t"), FrameVariant.Preview);

        fixture.Sources.EmitJpeg(TestImages.Jpeg(160, 120));
        var preview = await tile.ReadAsync().Within();

        Assert.Equal((40, 30), (TestImages.Decode(preview!.Data).Width, TestImages.Decode(preview.Data).Height));
    }

    [Fact]
    public async Task PreviewRateIsCapped()
    {
        await using var fixture = new CameraFixture(new StreamingOptions { PreviewWidth = 32, PreviewMaxFps = 2 });
        var camera = await fixture.AddAsync();
        await using var tile = camera.Subscribe(Tile("t"), FrameVariant.Preview);
        await using var full = camera.Subscribe(Tile("full"));

        // Five frames within one fake instant: the preview takes the first only.
        for (var i = 0; i < 5; i++)
        {
            fixture.Sources.EmitImage((byte)(i * 30));
            await full.ReadAsync().Within();
        }

        var first = await tile.ReadAsync().Within();
        fixture.Time.Advance(TimeSpan.FromMilliseconds(500));
        fixture.Sources.EmitImage();
        await full.ReadAsync().Within();
        var second = await tile.ReadAsync().Within();

        Assert.True(second!.Sequence > first!.Sequence);
        Assert.Equal(2, camera.ReadStatistics().PreviewFramesEncoded);
        Assert.Equal(6, camera.ReadStatistics().FramesEncoded);
    }

    [Fact]
    public async Task NobodyWatchingThePreviewMeansNoPreviewWork()
    {
        await using var fixture = new CameraFixture(new StreamingOptions { PreviewWidth = 32, PreviewMaxFps = 1000 });
        var camera = await fixture.AddAsync();
        await using var viewer = camera.Subscribe(Tile("full"));

        fixture.Sources.EmitImage();
        await viewer.ReadAsync().Within();

        Assert.Equal(0, camera.ReadStatistics().PreviewFramesEncoded);
    }

    [Fact]
    public void ReducedDecodeKeepsTheAspectRatio()
    {
        using var image = new Mat(480, 640, MatType.CV_8UC3, Scalar.Gray);
        var jpeg = JpegEncoder.Encode(image, 80);
        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.ReducedColor2);

        Assert.Equal((320, 240), (decoded.Width, decoded.Height));
    }
}
