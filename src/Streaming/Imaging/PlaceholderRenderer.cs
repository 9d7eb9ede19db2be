using System.Globalization;
using OpenCvSharp;

namespace Streaming.Imaging;

/// <summary>
/// Draws the card sent while a camera has no picture ("no signal", "starting", "stopped"), so a
/// viewer can tell a dead camera from a still scene.
/// </summary>
public static class PlaceholderRenderer
{
    private const int MaxWidth = 1280;

    public static Mat Render(int width, int height, string cameraName, string headline, string? detail, DateTimeOffset now)
    {
        // Keep the aspect ratio of the camera but cap the size: this is drawn about once a second.
        var scale = Math.Min(1.0, (double)MaxWidth / Math.Max(1, width));
        var w = Math.Max(160, (int)(width * scale));
        var h = Math.Max(90, (int)(height * scale));
        var image = new Mat(h, w, MatType.CV_8UC3, new Scalar(48, 32, 32));
        var unit = h / 360.0;
        var stripe = Math.Max(4, (int)(12 * unit));
        for (var x = -h; x < w; x += stripe * 4)
        {
            Cv2.Line(image, new Point(x, h), new Point(x + h, 0), new Scalar(64, 44, 44), stripe);
        }

        var y = (int)(h * 0.38);
        Center(image, headline, y, 1.4 * unit, new Scalar(80, 180, 255), 3);
        Center(image, cameraName, y + (int)(48 * unit), 0.8 * unit, Scalar.White, 2);
        Center(image, now.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), y + (int)(84 * unit), 0.6 * unit, new Scalar(200, 200, 200), 1);
        if (!string.IsNullOrWhiteSpace(detail))
        {
            var line = y + (int)(124 * unit);
            foreach (var part in Wrap(detail, Math.Max(20, (int)(w / (11 * unit)))).Take(3))
            {
                Center(image, part, line, 0.5 * unit, new Scalar(170, 170, 230), 1);
                line += (int)(24 * unit);
            }
        }

        return image;
    }

    private static void Center(Mat image, string text, int y, double scale, Scalar colour, int thickness)
    {
        thickness = Math.Max(1, (int)Math.Round(thickness * Math.Max(0.5, scale)));
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, thickness, out _);
        var x = Math.Max(4, (image.Width - size.Width) / 2);
        Cv2.PutText(image, text, new Point(x, y), HersheyFonts.HersheySimplex, scale, colour, thickness, LineTypes.AntiAlias);
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = "";
            }

            line = line.Length == 0 ? word : $"{line} {word}";
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
