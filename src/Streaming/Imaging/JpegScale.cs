using OpenCvSharp;

namespace Streaming.Imaging;

/// <summary>
/// Reduced-size JPEG decoding: libjpeg-turbo can scale by 1/2, 1/4 or 1/8 while decoding (DCT scaling),
/// which skips most of the work when only a small picture is needed.
/// </summary>
public static class JpegScale
{
    private static readonly (int Denominator, ImreadModes Mode)[] Steps =
        [(8, ImreadModes.ReducedColor8), (4, ImreadModes.ReducedColor4), (2, ImreadModes.ReducedColor2), (1, ImreadModes.Color)];

    /// <summary>
    /// The decode step nearest <paramref name="targetWidth"/> from above: the smallest picture at least that wide,
    /// so a preview is only ever scaled down (a 1280 px frame decodes straight to 640 or 320 px).
    /// </summary>
    public static ImreadModes For(int sourceWidth, int targetWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetWidth);
        foreach (var (denominator, mode) in Steps)
        {
            if ((sourceWidth + denominator - 1) / denominator >= targetWidth)
            {
                return mode;
            }
        }

        return ImreadModes.Color;
    }

    /// <summary>Decodes at the step for <paramref name="targetWidth"/>; an empty image when the data is not a JPEG.</summary>
    public static Mat Decode(byte[] jpeg, int sourceWidth, int targetWidth) => Cv2.ImDecode(jpeg, For(sourceWidth, targetWidth));
}
