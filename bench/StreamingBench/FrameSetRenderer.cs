using System.Globalization;
using OpenCvSharp;
using Streaming.Imaging;

namespace StreamingBench;

/// <summary>What <see cref="FrameSetRenderer"/> wrote: the JPEG quality chosen and the resulting sizes.</summary>
internal sealed record FrameSet(int Count, int Quality, double AverageBytes, int MinBytes, int MaxBytes);

/// <summary>
/// Pre-renders the frames the ImageSequence camera loops over, with the app's own test pattern and
/// encoder, at the JPEG quality whose average size is closest to the target.
/// </summary>
internal static class FrameSetRenderer
{
    public static FrameSet Render(string folder, int count, int targetBytes, int width, int height, double fps)
    {
        using var renderer = new TestPatternRenderer("bench", width, height);
        var start = DateTimeOffset.UtcNow;
        var images = new List<Mat>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                images.Add(renderer.Render(start.AddSeconds(i / fps)));
            }

            // Tune on a few frames (size grows with quality), then encode the whole set once.
            Mat[] samples = [images[0], images[count / 3], images[2 * count / 3]];
            var quality = ClosestQuality(q => samples.Average(s => JpegEncoder.Encode(s, q).Length), targetBytes);
            var sizes = new int[count];
            for (var i = 0; i < count; i++)
            {
                var jpeg = JpegEncoder.Encode(images[i], quality);
                sizes[i] = jpeg.Length;
                File.WriteAllBytes(Path.Combine(folder, $"frame-{i.ToString("D3", CultureInfo.InvariantCulture)}.jpg"), jpeg);
            }

            return new FrameSet(count, quality, sizes.Average(), sizes.Min(), sizes.Max());
        }
        finally
        {
            images.ForEach(image => image.Dispose());
        }
    }

    /// <summary>Finds the JPEG quality (1-100) whose average size is closest to the target.</summary>
    public static int ClosestQuality(Func<int, double> averageSize, int targetBytes)
    {
        ArgumentNullException.ThrowIfNull(averageSize);
        int low = 1, high = 100;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (averageSize(middle) < targetBytes)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        // low is the first quality at or above the target; the one below may be closer.
        return low > 1 && targetBytes - averageSize(low - 1) < averageSize(low) - targetBytes ? low - 1 : low;
    }
}
