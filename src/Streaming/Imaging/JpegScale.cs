using OpenCvSharp;

namespace Streaming.Imaging;

/// <summary>
/// Reduced-size JPEG decoding: libjpeg-turbo can scale by 1/2, 1/4 or 1/8 while decoding (DCT scaling),
/// which skips most of the work when only a small picture is needed.
/// </summary>
public static class JpegScale
{
    private static readonly (int Denominator, ImreadModes Mode)[] Steps =
        [(1, ImreadModes.Color), (2, ImreadModes.ReducedColor2), (4, ImreadModes.ReducedColor4), (8, ImreadModes.ReducedColor8)];

    /// <summary>The decode step whose width is nearest <paramref name="targetWidth"/> (never below half of it, so the picture stays sharp).</summary>
    public static ImreadModes For(int sourceWidth, int targetWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetWidth);
        var best = Steps[0];
        foreach (var step in Steps)
        {
            var width = WidthAt(sourceWidth, step.Denominator);
            if (width * 2 <= targetWidth)
            {
                break;
            }

            if (Math.Abs(width - targetWidth) <= Math.Abs(WidthAt(sourceWidth, best.Denominator) - targetWidth))
            {
                best = step;
            }
        }

        return best.Mode;
    }

    /// <summary>Decodes at the step nearest <paramref name="targetWidth"/>; an empty image when the data is not a JPEG.</summary>
    public static Mat Decode(byte[] jpeg, int sourceWidth, int targetWidth) => Cv2.ImDecode(jpeg, For(sourceWidth, targetWidth));

    private static int WidthAt(int sourceWidth, int denominator) => (sourceWidth + denominator - 1) / denominator;
}
