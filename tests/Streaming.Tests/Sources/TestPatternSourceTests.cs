using OpenCvSharp;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Sources;

namespace Streaming.Tests.Sources;

public sealed class TestPatternSourceTests
{
    [Fact]
    public async Task FramesHaveTheConfiguredSizeAndMove()
    {
        await using var source = new TestPatternSource(new CameraDefinition { Id = "p", Width = 640, Height = 360, Fps = 50 }, TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);

        using var first = await source.ReadFrameAsync(CancellationToken.None).Within();
        using var second = await source.ReadFrameAsync(CancellationToken.None).Within();

        Assert.Equal((640, 360), (first.Width, first.Height));
        using var difference = new OpenCvSharp.Mat();
        OpenCvSharp.Cv2.Absdiff(first.Image!, second.Image!, difference);
        Assert.True(OpenCvSharp.Cv2.Sum(difference).Val0 > 0, "consecutive frames differ");
    }

    [Fact]
    public async Task HdFramesEncodeToRealisticJpegSizes()
    {
        var camera = new CameraDefinition { Id = "p" };
        await using var source = new TestPatternSource(camera, TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);

        using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
        var jpeg = JpegEncoder.Encode(frame.Image!, camera.JpegQuality);

        // A flat colour would be a few KB; a real 720p scene at quality 80 is tens to hundreds of KB.
        Assert.InRange(jpeg.Length, 50_000, 300_000);
    }

    [Fact]
    public void TheBackgroundScrollsAndWrapsAroundAtTheEdge()
    {
        // 480 wide: 2 columns a frame, so after 180 frames the frame starts at column 360 and its last 360 columns are
        // the background's first ones, wrapped around.
        using var renderer = new TestPatternRenderer("wrap", 480, 270);
        using var first = renderer.Render(DateTimeOffset.UnixEpoch);
        Mat? later = null;
        for (var n = 1; n <= 180; n++)
        {
            later?.Dispose();
            later = renderer.Render(DateTimeOffset.UnixEpoch);
        }

        // A band between the labels; the ball covers a few columns of it in either frame.
        var matching = Enumerable.Range(0, 480).Count(x => Enumerable.Range(100, 70)
            .All(y => first.Get<Vec3b>(y, (x + 360) % 480) == later!.Get<Vec3b>(y, x)));
        later!.Dispose();
        Assert.InRange(matching, 400, 480);
    }
}
