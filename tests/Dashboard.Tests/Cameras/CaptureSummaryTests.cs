using Dashboard.Cameras.Components;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

public sealed class CaptureSummaryTests : BunitDashboardContext
{
    private static CameraStatistics Statistics(long framesEncoded, bool passthrough) =>
        new("porch", "Porch", CameraKind.Command, CameraState.Streaming, null, DateTimeOffset.UtcNow, 10, 3.2, 45_000, 1280, 720,
            500, framesEncoded, 0, passthrough, passthrough ? FramePath.PassedThrough : FramePath.Encoded(null), 0, 0, 0, DateTimeOffset.UtcNow, []);

    private string EncodeTime(CameraStatistics statistics)
    {
        var summary = Render<CaptureSummary>(p => p.Add(s => s.Statistics, statistics));
        var figure = summary.FindAll(".figure").Single(f => f.QuerySelector(".figure__label")!.TextContent == "Encode time");
        return figure.QuerySelector(".figure__value")!.TextContent;
    }

    [Fact]
    public void EncodeTimeIsTheCostPerFrameOnceFramesAreEncoded() => Assert.Equal("3.2 ms", EncodeTime(Statistics(500, passthrough: false)));

    [Fact]
    public void PassThroughCameraSaysItEncodesNothing() => Assert.Equal("none (passed through)", EncodeTime(Statistics(0, passthrough: true)));

    [Fact]
    public void EncodingCameraWithoutAFullFrameYetShowsNoFigureRatherThanPassThrough() => Assert.Equal("-", EncodeTime(Statistics(0, passthrough: false)));
}
