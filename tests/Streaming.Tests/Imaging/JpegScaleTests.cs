using OpenCvSharp;
using Streaming.Imaging;

namespace Streaming.Tests.Imaging;

public sealed class JpegScaleTests
{
    [Theory]
    [InlineData(1280, 1280, ImreadModes.Color)]
    [InlineData(1280, 1000, ImreadModes.Color)]
    [InlineData(1280, 640, ImreadModes.ReducedColor2)]
    [InlineData(1280, 400, ImreadModes.ReducedColor2)]
    [InlineData(1280, 320, ImreadModes.ReducedColor4)]
    [InlineData(1920, 320, ImreadModes.ReducedColor4)]
    [InlineData(1280, 160, ImreadModes.ReducedColor8)]
    [InlineData(1280, 40, ImreadModes.ReducedColor8)]
    [InlineData(1280, 1281, ImreadModes.Color)]
    [InlineData(640, 640, ImreadModes.Color)]
    public void ReducedDecodeStepIsTheSmallestPictureAtLeastThePreviewWidth(int source, int target, ImreadModes expected) =>
        Assert.Equal(expected, JpegScale.For(source, target));

    [Fact]
    public void ReducedDecodeGivesThePictureAtThatStepWithItsAspectRatio()
    {
        var jpeg = TestImages.Jpeg(1280, 720);

        using var decoded = JpegScale.Decode(jpeg, 1280, 320);

        Assert.Equal(new Size(320, 180), decoded.Size());
    }
}
