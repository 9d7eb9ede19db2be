using OpenCvSharp;
using Streaming.Imaging;

namespace Streaming.Tests.Support;

/// <summary>Small real images and JPEGs for tests.</summary>
internal static class TestImages
{
    public static Mat Image(int width = 64, int height = 48, byte shade = 128)
    {
        var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(shade, 255 - shade, shade / 2));
        Cv2.Circle(image, new Point(width / 3, height / 2), Math.Max(2, height / 4), Scalar.White, -1);
        return image;
    }

    public static byte[] Jpeg(int width = 64, int height = 48, byte shade = 128)
    {
        using var image = Image(width, height, shade);
        return JpegEncoder.Encode(image, 80);
    }

    public static bool IsCompleteJpeg(ReadOnlySpan<byte> data) =>
        data.Length > 4 && data[0] == 0xFF && data[1] == 0xD8 && data[^2] == 0xFF && data[^1] == 0xD9;

    public static Size Decode(byte[] jpeg)
    {
        using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        return image.Empty() ? default : image.Size();
    }
}
