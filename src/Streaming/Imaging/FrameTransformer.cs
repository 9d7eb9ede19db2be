using System.Globalization;
using OpenCvSharp;

namespace Streaming.Imaging;

/// <summary>Applies <see cref="ImageAdjustments"/> to a decoded frame.</summary>
public static class FrameTransformer
{
    /// <summary>Returns the adjusted frame: <paramref name="image"/> itself when nothing changes it, else a new image the caller owns.</summary>
    public static Mat Apply(Mat image, ImageAdjustments adjustments, string caption, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(adjustments);
        if (adjustments.IsIdentity)
        {
            return image;
        }

        var result = image.Clone();
        if (adjustments.Brightness != 0 || adjustments.Contrast != 0)
        {
            // out = in * gain + offset, contrast pivoting around mid-grey.
            var gain = 1 + adjustments.Contrast / 100.0;
            var offset = 128 * (1 - gain) + adjustments.Brightness * 2.55;
            result.ConvertTo(result, -1, gain, offset);
        }

        if (adjustments.FlipHorizontal || adjustments.FlipVertical)
        {
            var axis = (adjustments.FlipHorizontal, adjustments.FlipVertical) switch
            {
                (true, true) => FlipMode.XY,
                (true, false) => FlipMode.Y,
                _ => FlipMode.X,
            };
            Cv2.Flip(result, result, axis);
        }

        if (adjustments.Rotation != Rotation.None)
        {
            var code = adjustments.Rotation switch
            {
                Rotation.Clockwise90 => RotateFlags.Rotate90Clockwise,
                Rotation.Half => RotateFlags.Rotate180,
                _ => RotateFlags.Rotate90Counterclockwise,
            };
            Cv2.Rotate(result, result, code);
        }

        if (adjustments.Overlay != OverlayPosition.None)
        {
            DrawCaption(result, adjustments, caption, time);
        }

        return result;
    }

    private static void DrawCaption(Mat image, ImageAdjustments adjustments, string caption, DateTimeOffset time)
    {
        var text = $"{caption}  {time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}";
        var scale = Math.Max(0.3, image.Height / 720.0) * 0.8 * adjustments.OverlayScale;
        var thickness = Math.Max(1, (int)Math.Round(2 * scale));
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, thickness, out var baseline);
        var margin = (int)(12 * scale);
        var x = adjustments.Overlay is OverlayPosition.TopLeft or OverlayPosition.BottomLeft ? margin : Math.Max(margin, image.Width - size.Width - margin);
        var y = adjustments.Overlay is OverlayPosition.TopLeft or OverlayPosition.TopRight ? margin + size.Height : image.Height - margin - baseline;
        Cv2.PutText(image, text, new Point(x, y), HersheyFonts.HersheySimplex, scale, Scalar.Black, thickness + 3, LineTypes.AntiAlias);
        Cv2.PutText(image, text, new Point(x, y), HersheyFonts.HersheySimplex, scale, Scalar.White, thickness, LineTypes.AntiAlias);
    }
}
