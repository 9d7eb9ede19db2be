using OpenCvSharp;
using Streaming.Imaging;

namespace Dashboard.Tests.Support;

internal static class TestJpegs
{
    /// <summary>A folder of JPEGs of the given sizes (in order), for an ImageSequence camera.</summary>
    public static string Folder(params (int Width, int Height)[] sizes)
    {
        var folder = Directory.CreateTempSubdirectory("frames-").FullName;
        for (var i = 0; i < sizes.Length; i++)
        {
            var (width, height) = sizes[i];
            using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(40 * i, 120, 200 - 40 * i));
            Cv2.PutText(image, $"{i}", new Point(width / 3, height / 2), HersheyFonts.HersheySimplex, 2, Scalar.White, 3);
            File.WriteAllBytes(Path.Combine(folder, $"{i:D3}.jpg"), JpegEncoder.Encode(image, 80));
        }

        return folder;
    }
}
