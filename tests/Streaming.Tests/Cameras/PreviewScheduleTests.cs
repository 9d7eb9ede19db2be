using Microsoft.Extensions.Time.Testing;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Sources;

namespace Streaming.Tests.Cameras;

public sealed class PreviewScheduleTests
{
    [Theory]
    [InlineData(15, 10, 10)]
    [InlineData(30, 10, 10)]
    [InlineData(5, 10, 5)]
    public void PreviewRunsAtTheCapOrTheCameraRateWhicheverIsLower(int cameraFps, int cap, int expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pipeline = new FramePipeline("cam", new StreamingOptions { PreviewWidth = 32, PreviewMaxFps = cap }, time);
        pipeline.For(FrameVariant.Preview).Add(new SubscriberInfo { Kind = SubscriberKind.Dashboard });
        var camera = new CameraDefinition { Id = "cam" };

        // Three seconds of frames on the camera's clock.
        for (var i = 0; i < cameraFps * 3; i++)
        {
            using var frame = SourceFrame.FromImage(TestImages.Image(), time.GetUtcNow());
            pipeline.Publish(frame, camera);
            time.Advance(TimeSpan.FromSeconds(1.0 / cameraFps));
        }

        Assert.InRange(pipeline.Read().PreviewFramesEncoded, expected * 3 - 1, expected * 3 + 1);
    }
}
