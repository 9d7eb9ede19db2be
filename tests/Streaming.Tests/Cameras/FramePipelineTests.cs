using Microsoft.Extensions.Time.Testing;
using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Sources;

namespace Streaming.Tests.Cameras;

public sealed class FramePipelineTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private static readonly CameraDefinition Plain = new() { Id = "cam", Width = 1280, Height = 720 };
    private static readonly CameraDefinition Rotated = Plain with { Image = new ImageAdjustments { Rotation = Rotation.Clockwise90 } };

    private FramePipeline Pipeline(StreamingOptions? options = null) =>
        new("cam", options ?? new StreamingOptions { PreviewMaxFps = 1000 }, _time);

    private static SubscriberInfo Viewer(SubscriberKind kind = SubscriberKind.Feed) => new() { Kind = kind };

    private static SourceFrame Jpeg(byte[] jpeg, int width, int height) => SourceFrame.FromJpeg(jpeg, width, height, DateTimeOffset.UtcNow);

    private static JpegFrame Take(Subscriber subscriber)
    {
        Assert.True(subscriber.Reader.TryRead(out var frame), "a frame was published");
        return frame;
    }

    [Fact]
    public void JpegReachesFullSizeViewersByteForByteWithNothingDecodedOrEncoded()
    {
        var pipeline = Pipeline();
        var viewer = pipeline.For(FrameVariant.Full).Add(Viewer());
        var jpeg = TestImages.Jpeg(1280, 720);

        for (var i = 0; i < 5; i++)
        {
            pipeline.Publish(Jpeg(jpeg, 1280, 720), Plain);
            Assert.Same(jpeg, TestImages.ArrayOf(Take(viewer).Data));
        }

        var reading = pipeline.Read();
        Assert.Equal((5L, 0L, 0L, 0L), (reading.FramesCaptured, reading.FramesDecoded, reading.FramesEncoded, reading.PreviewFramesEncoded));
        Assert.Equal(FramePathKind.PassedThrough, reading.Path.Kind);
        Assert.Equal("passed through", reading.Path.Description);
        Assert.Same(jpeg, TestImages.ArrayOf(pipeline.LatestFrame!.Data));
    }

    [Fact]
    public void TilesOfAPassedThroughCameraGetAReducedSizeDecodeEncodedOnceAtTheirSize()
    {
        var pipeline = Pipeline();
        var small = Enumerable.Range(0, 3).Select(_ => pipeline.For(FrameVariant.Preview, 300).Add(Viewer(SubscriberKind.Dashboard))).ToList();
        var large = pipeline.For(FrameVariant.Preview, 700).Add(Viewer(SubscriberKind.Dashboard));
        var full = pipeline.For(FrameVariant.Full).Add(Viewer());
        var jpeg = TestImages.Jpeg(1280, 720);

        pipeline.Publish(Jpeg(jpeg, 1280, 720), Plain);

        var smallFrames = small.Select(Take).ToList();
        Assert.All(smallFrames, f => Assert.Same(smallFrames[0], f));
        Assert.Equal((320, 180), (smallFrames[0].Width, smallFrames[0].Height));
        Assert.Equal(new Size(320, 180), TestImages.Decode(smallFrames[0].Data));
        Assert.Equal(new Size(640, 360), TestImages.Decode(Take(large).Data));
        Assert.Same(jpeg, TestImages.ArrayOf(Take(full).Data));
        var reading = pipeline.Read();
        // One reduced decode and one encode per preview size in use; the full-size frame untouched.
        Assert.Equal((2L, 2L, 0L), (reading.FramesDecoded, reading.PreviewFramesEncoded, reading.FramesEncoded));
        Assert.Equal("passed through; decoded for the preview only", reading.Path.Description);
    }

    [Fact]
    public void WithNoTileAndNoAdjustmentNothingIsDecoded()
    {
        var pipeline = Pipeline();
        var viewer = pipeline.For(FrameVariant.Full).Add(Viewer());
        var tile = pipeline.For(FrameVariant.Preview).Add(Viewer(SubscriberKind.Dashboard));
        var jpeg = TestImages.Jpeg(1280, 720);
        pipeline.Publish(Jpeg(jpeg, 1280, 720), Plain);
        Take(tile);
        Assert.Equal(1, pipeline.Read().FramesDecoded);

        pipeline.For(FrameVariant.Preview).Remove(tile);
        for (var i = 0; i < 3; i++)
        {
            pipeline.Publish(Jpeg(jpeg, 1280, 720), Plain);
            Take(viewer);
        }

        Assert.Equal((1L, 1L), (pipeline.Read().FramesDecoded, pipeline.Read().PreviewFramesEncoded));
        Assert.Equal(FramePathKind.PassedThrough, pipeline.Read().Path.Kind);
    }

    [Fact]
    public void RotationMakesOneEncodePerFrameForEveryViewerAndTurningItOffPassesThroughAgain()
    {
        var pipeline = Pipeline();
        var viewers = Enumerable.Range(0, 3).Select(_ => pipeline.For(FrameVariant.Full).Add(Viewer())).ToList();
        var jpeg = TestImages.Jpeg(64, 48);

        pipeline.Publish(Jpeg(jpeg, 64, 48), Plain);
        viewers.ForEach(v => Assert.Same(jpeg, TestImages.ArrayOf(Take(v).Data)));
        Assert.Equal(0, pipeline.Read().FramesEncoded);

        for (var i = 1; i <= 3; i++)
        {
            pipeline.Publish(Jpeg(jpeg, 64, 48), Rotated);
            var frames = viewers.Select(Take).ToList();
            Assert.All(frames, f => Assert.Same(frames[0], f));
            Assert.Equal(new Size(48, 64), TestImages.Decode(frames[0].Data));
            Assert.Equal(i, pipeline.Read().FramesEncoded);
        }

        Assert.Equal("decoded and re-encoded: rotation is on", pipeline.Read().Path.Description);

        pipeline.Publish(Jpeg(jpeg, 64, 48), Plain);
        viewers.ForEach(v => Assert.Same(jpeg, TestImages.ArrayOf(Take(v).Data)));
        Assert.Equal((3L, FramePathKind.PassedThrough), (pipeline.Read().FramesEncoded, pipeline.Read().Path.Kind));
    }

    [Fact]
    public void PicturesFromTheSourceAreEncodedOnceAndThePathSaysWhy()
    {
        var pipeline = Pipeline();
        var viewer = pipeline.For(FrameVariant.Full).Add(Viewer());

        pipeline.Publish(SourceFrame.FromImage(TestImages.Image(), DateTimeOffset.UtcNow, "H264"), Plain);

        Assert.True(TestImages.IsCompleteJpeg(Take(viewer).Data));
        Assert.Equal((1L, 0L), (pipeline.Read().FramesEncoded, pipeline.Read().FramesDecoded));
        Assert.Equal("decoded and encoded: the source sends H264, not JPEG", pipeline.Read().Path.Description);
    }

    [Fact]
    public void PreviewRateIsCappedOnTheClock()
    {
        var pipeline = Pipeline(new StreamingOptions { PreviewWidth = 32, PreviewMaxFps = 2 });
        var tile = pipeline.For(FrameVariant.Preview).Add(Viewer(SubscriberKind.Dashboard));
        var full = pipeline.For(FrameVariant.Full).Add(Viewer());

        // Five frames within one instant: the preview takes the first only.
        for (var i = 0; i < 5; i++)
        {
            pipeline.Publish(SourceFrame.FromImage(TestImages.Image(shade: (byte)(i * 30)), DateTimeOffset.UtcNow), Plain);
            Take(full);
        }

        var first = Take(tile);
        Assert.False(tile.Reader.TryRead(out _));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        pipeline.Publish(SourceFrame.FromImage(TestImages.Image(), DateTimeOffset.UtcNow), Plain);

        Assert.True(Take(tile).Sequence > first.Sequence);
        Assert.Equal((2L, 6L), (pipeline.Read().PreviewFramesEncoded, pipeline.Read().FramesEncoded));
    }

    [Fact]
    public void OnlyTilesWatchingMeansTheFullSizeFrameIsNeverEncoded()
    {
        var pipeline = Pipeline(new StreamingOptions { PreviewWidth = 32, PreviewMaxFps = 1000 });
        var tiles = Enumerable.Range(0, 5).Select(_ => pipeline.For(FrameVariant.Preview).Add(Viewer(SubscriberKind.Dashboard))).ToList();

        pipeline.Publish(SourceFrame.FromImage(TestImages.Image(), DateTimeOffset.UtcNow), Plain);

        var frames = tiles.Select(Take).ToList();
        Assert.All(frames, f => Assert.Same(frames[0], f));
        Assert.Equal(new Size(32, 24), TestImages.Decode(frames[0].Data));
        Assert.Equal((0L, 1L), (pipeline.Read().FramesEncoded, pipeline.Read().PreviewFramesEncoded));
    }

    [Fact]
    public void CardsAreDrawnAtEachVariantsOwnSize()
    {
        var pipeline = Pipeline(new StreamingOptions { HeartbeatInterval = TimeSpan.FromSeconds(1) });
        var full = pipeline.For(FrameVariant.Full).Add(Viewer());
        var tile = pipeline.For(FrameVariant.Preview, 320).Add(Viewer(SubscriberKind.Dashboard));
        _time.Advance(TimeSpan.FromSeconds(1));

        pipeline.Beat(new CameraStatus(CameraState.Reconnecting, "device unplugged", _time.GetUtcNow()), Plain);

        var (fullCard, tileCard) = (Take(full), Take(tile));
        Assert.True(fullCard.IsPlaceholder && tileCard.IsPlaceholder);
        Assert.Equal(new Size(1280, 720), TestImages.Decode(fullCard.Data));
        Assert.Equal(new Size(320, 180), TestImages.Decode(tileCard.Data));
        Assert.Null(pipeline.LatestFrame);
    }

    [Fact]
    public void HeartbeatRepeatsEachVariantsOwnNewestFrame()
    {
        var pipeline = Pipeline(new StreamingOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), PreviewMaxFps = 1000 });
        var full = pipeline.For(FrameVariant.Full).Add(Viewer());
        var tile = pipeline.For(FrameVariant.Preview, 320).Add(Viewer(SubscriberKind.Dashboard));
        pipeline.Publish(Jpeg(TestImages.Jpeg(1280, 720), 1280, 720), Plain);
        var (picture, preview) = (Take(full), Take(tile));
        _time.Advance(TimeSpan.FromSeconds(1));

        pipeline.Beat(new CameraStatus(CameraState.Streaming, null, _time.GetUtcNow()), Plain);

        Assert.Same(picture, Take(full));
        Assert.Same(preview, Take(tile));
    }
}
