using System.Runtime.InteropServices;
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

    public static bool IsCompleteJpeg(ReadOnlyMemory<byte> data) =>
        data.Span is [0xFF, 0xD8, _, .., 0xFF, 0xD9];

    public static Size Decode(ReadOnlyMemory<byte> jpeg)
    {
        using var image = Cv2.ImDecode(jpeg.Span, ImreadModes.Color);
        return image.Empty() ? default : image.Size();
    }

    /// <summary>The array behind a frame's bytes, to tell a frame passed on as it is from a copy.</summary>
    public static byte[] ArrayOf(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : throw new InvalidOperationException("The bytes are not a whole array of their own.");
}
