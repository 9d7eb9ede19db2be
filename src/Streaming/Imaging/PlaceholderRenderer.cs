using System.Collections.Frozen;
using System.Globalization;
using OpenCvSharp;

namespace Streaming.Imaging;

/// <summary>
/// Draws the card sent while a camera has no picture ("no signal", "starting", "stopped"), so a
/// viewer can tell a dead camera from a still scene. Without OpenCV's native library the card is one of the
/// JPEGs shipped in the assembly (<c>Imaging/Cards</c>, made by <c>scripts/make-placeholder-cards.cs</c>), so a
/// viewer still gets pictures, only without the camera's name, the time and the reason.
/// </summary>
public static class PlaceholderRenderer
{
    private const int MaxWidth = 1280;
    private const int Quality = 70;

    /// <summary>The headlines cards are shipped for; any other headline gets the "no signal" card.</summary>
    public static readonly IReadOnlyList<string> StockHeadlines = ["STARTING", "NO SIGNAL", "STOPPED", "FAILED"];

    private static readonly Lazy<FrozenDictionary<string, PlaceholderCard>> StockCards = new(LoadStockCards);

    /// <summary>The card as a JPEG: drawn for this camera when OpenCV is there, else the shipped card for the headline.</summary>
    public static PlaceholderCard RenderJpeg(int width, int height, string cameraName, string headline, DateTimeOffset now)
    {
        if (!OpenCvRuntime.IsAvailable)
        {
            return StockCard(headline);
        }

        using var image = Render(width, height, cameraName, headline, now);
        return new PlaceholderCard(JpegEncoder.Encode(image, Quality), image.Width, image.Height);
    }

    /// <summary>The shipped card for a headline (what viewers get without OpenCV).</summary>
    internal static PlaceholderCard StockCard(string headline) =>
        StockCards.Value.TryGetValue(headline, out var card) ? card : StockCards.Value["NO SIGNAL"];

    /// <summary>The file of a shipped card in <c>Imaging/Cards</c>, e.g. <c>no-signal.jpg</c>.</summary>
    public static string StockCardFile(string headline) =>
        $"{headline?.ToLowerInvariant().Replace(' ', '-')}.jpg";

    /// <summary>
    /// Draws a card: the state and the camera's name, never why it fails (everyone watching sees the card, share
    /// links included); <paramref name="now"/> null leaves the time out (the shipped cards).
    /// </summary>
    public static Mat Render(int width, int height, string cameraName, string headline, DateTimeOffset? now)
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
        if (now is { } time)
        {
            Center(image, time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), y + (int)(84 * unit), 0.6 * unit, new Scalar(200, 200, 200), 1);
        }

        return image;
    }

    private static FrozenDictionary<string, PlaceholderCard> LoadStockCards()
    {
        var assembly = typeof(PlaceholderRenderer).Assembly;
        return StockHeadlines.ToFrozenDictionary(headline => headline, headline =>
        {
            var name = $"Streaming.Imaging.Cards.{StockCardFile(headline)}";
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The placeholder card {name} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var jpeg = copy.ToArray();
            JpegInfo.TryReadSize(jpeg, out var width, out var height);
            return new PlaceholderCard(jpeg, width, height);
        });
    }

    private static void Center(Mat image, string text, int y, double scale, Scalar colour, int thickness)
    {
        thickness = Math.Max(1, (int)Math.Round(thickness * Math.Max(0.5, scale)));
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, thickness, out _);
        var x = Math.Max(4, (image.Width - size.Width) / 2);
        Cv2.PutText(image, text, new Point(x, y), HersheyFonts.HersheySimplex, scale, colour, thickness, LineTypes.AntiAlias);
    }
}

/// <summary>A placeholder card, encoded.</summary>
public sealed record PlaceholderCard(byte[] Jpeg, int Width, int Height);
