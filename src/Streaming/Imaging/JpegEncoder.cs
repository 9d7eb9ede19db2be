using OpenCvSharp;

namespace Streaming.Imaging;

/// <summary>The one place frames are encoded (libjpeg-turbo through OpenCV).</summary>
public static class JpegEncoder
{
    public static byte[] Encode(Mat image, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        Cv2.ImEncode(".jpg", image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, Math.Clamp(quality, 1, 100)));
        return jpeg;
    }
}
