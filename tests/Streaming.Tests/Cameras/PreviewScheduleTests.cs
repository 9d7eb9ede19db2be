using Streaming.Broadcasting;
using Streaming.Tests.Support;

namespace Streaming.Tests.Cameras;

public sealed class PreviewScheduleTests
{
    [Theory]
    [InlineData(15, 10, 10)]
    [InlineData(30, 10, 10)]
    [InlineData(5, 10, 5)]
    public async Task PreviewRunsAtTheCapOrTheCameraRateWhicheverIsLower(int cameraFps, int cap, int expected)
    {
        await using var fixture = new CameraFixture(new StreamingOptions { PreviewWidth = 32, PreviewMaxFps = cap, HeartbeatInterval = TimeSpan.FromMinutes(1) });
        var camera = await fixture.AddAsync();
        await using var tile = camera.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Dashboard }, FrameVariant.Preview);
        await using var full = camera.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Feed });

        // Three seconds of frames on the camera's clock.
        for (var i = 0; i < cameraFps * 3; i++)
        {
            fixture.Sources.EmitImage();
            await full.ReadAsync().Within();
            fixture.Time.Advance(TimeSpan.FromSeconds(1.0 / cameraFps));
        }

        await Eventually.HoldsAsync(() => camera.ReadStatistics().PreviewFramesEncoded >= expected * 3 - 1, "the preview keeps up");
        Assert.InRange(camera.ReadStatistics().PreviewFramesEncoded, expected * 3 - 1, expected * 3 + 1);
    }
}
