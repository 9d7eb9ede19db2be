using OpenCvSharp;
using Streaming.Imaging;

namespace Streaming.Tests.Imaging;

public sealed class FrameTransformerTests
{
    /// <summary>A 40x20 grey image with a red 10x10 block in its top-left corner.</summary>
    private static Mat Marked()
    {
        var image = new Mat(20, 40, MatType.CV_8UC3, new Scalar(100, 100, 100));
        Cv2.Rectangle(image, new Rect(0, 0, 10, 10), new Scalar(0, 0, 255), -1);
        return image;
    }

    private static bool IsRed(Mat image, int x, int y)
    {
        var pixel = image.At<Vec3b>(y, x);
        return pixel.Item2 > 200 && pixel.Item0 < 50 && pixel.Item1 < 50;
    }

    private static Mat Apply(ImageAdjustments adjustments)
    {
        using var image = Marked();
        return FrameTransformer.Apply(image, adjustments, "cam", DateTimeOffset.UtcNow);
    }

    [Fact]
    public void QuarterTurnMovesTheTopLeftCornerToTheTopRight()
    {
        using var turned = Apply(new ImageAdjustments { Rotation = Rotation.Clockwise90 });

        Assert.Equal((20, 40), (turned.Width, turned.Height));
        Assert.True(IsRed(turned, 15, 5));
        Assert.False(IsRed(turned, 5, 5));
    }

    [Theory]
    [InlineData(Rotation.Half, 35, 15)]
    [InlineData(Rotation.Clockwise270, 5, 35)]
    public void OtherRotationsPutTheCornerWhereExpected(Rotation rotation, int x, int y)
    {
        using var turned = Apply(new ImageAdjustments { Rotation = rotation });

        Assert.True(IsRed(turned, x, y));
    }

    [Fact]
    public void FlipsMirrorTheImage()
    {
        using var horizontal = Apply(new ImageAdjustments { FlipHorizontal = true });
        using var vertical = Apply(new ImageAdjustments { FlipVertical = true });
        using var both = Apply(new ImageAdjustments { FlipHorizontal = true, FlipVertical = true });

        Assert.True(IsRed(horizontal, 35, 5));
        Assert.True(IsRed(vertical, 5, 15));
        Assert.True(IsRed(both, 35, 15));
    }

    [Fact]
    public void BrightnessAndContrastChangeTheLevels()
    {
        using var brighter = Apply(new ImageAdjustments { Brightness = 50 });
        using var flat = Apply(new ImageAdjustments { Contrast = -100 });

        Assert.True(brighter.At<Vec3b>(15, 30).Item0 > 200);
        Assert.Equal(128, flat.At<Vec3b>(15, 30).Item0);
        Assert.Equal(128, flat.At<Vec3b>(5, 5).Item2);
    }

    [Fact]
    public void CaptionIsDrawnInTheChosenCornerOnly()
    {
        using var plain = new Mat(360, 640, MatType.CV_8UC3, new Scalar(100, 100, 100));
        using var captioned = FrameTransformer.Apply(plain, new ImageAdjustments { Overlay = OverlayPosition.BottomRight }, "Porch", DateTimeOffset.UtcNow);
        using var difference = new Mat();
        Cv2.Absdiff(plain, captioned, difference);
        using var grey = difference.CvtColor(ColorConversionCodes.BGR2GRAY);

        Assert.True(Cv2.CountNonZero(grey[new Rect(320, 180, 320, 180)]) > 0);
        Assert.Equal(0, Cv2.CountNonZero(grey[new Rect(0, 0, 320, 180)]));
    }

    [Fact]
    public void NoAdjustmentReturnsTheSameImage()
    {
        using var image = Marked();

        Assert.Same(image, FrameTransformer.Apply(image, ImageAdjustments.None, "cam", DateTimeOffset.UtcNow));
    }

    [Fact]
    public void OutOfRangeValuesAreRejectedWithTheirNames()
    {
        var problems = new ImageAdjustments { Rotation = (Rotation)45, Brightness = 150, Contrast = -101, OverlayScale = 10 }.Problems().ToList();

        Assert.Equal(
            ["Rotation must be 0, 90, 180 or 270 degrees (was 45).", "Brightness must be between -100 and 100 (was 150).", "Contrast must be between -100 and 100 (was -101).", "Overlay size must be between 0.5 and 4 (was 10)."],
            problems.Select(p => p.Message));
    }
}
