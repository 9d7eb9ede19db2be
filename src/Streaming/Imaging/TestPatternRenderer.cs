using System.Globalization;
using OpenCvSharp;

namespace Streaming.Imaging;

/// <summary>
/// Draws the test pattern: a textured, scrolling background (so JPEG sizes look like a real scene,
/// not a flat colour), a bouncing ball, the camera's name, the clock and a frame counter.
/// </summary>
public sealed class TestPatternRenderer : IDisposable
{
    private readonly Mat _background;
    private readonly string _name;
    private readonly int _width;
    private readonly int _height;
    private readonly double _textScale;
    private long _frameNumber;

    public TestPatternRenderer(string name, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        _name = name;
        _width = width;
        _height = height;
        _textScale = Math.Max(0.4, height / 720.0);
        _background = CreateBackground(name, width, height);
    }

    /// <summary>Renders the next frame. The caller owns the returned image.</summary>
    public Mat Render(DateTimeOffset now)
    {
        var n = _frameNumber++;
        var frame = new Mat(_height, _width, MatType.CV_8UC3);

        // Scroll the background one step per frame: its right part from the offset on, then its left part wrapped around.
        var offset = (int)(n * Math.Max(1, _width / 240) % _width);
        CopyColumns(_background, offset, _width - offset, frame, 0);
        CopyColumns(_background, 0, offset, frame, _width - offset);

        DrawBall(frame, n);
        var margin = (int)(16 * _textScale);
        DrawLabel(frame, _name, new Point(margin, (int)(44 * _textScale)), 1.1 * _textScale);
        var clock = now.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        DrawLabel(frame, clock, new Point(margin, _height - margin - (int)(40 * _textScale)), 0.9 * _textScale);
        DrawLabel(frame, $"#{n:D6}  {_width}x{_height}", new Point(margin, _height - margin), 0.9 * _textScale);
        return frame;
    }

    public void Dispose() => _background.Dispose();

    private static void CopyColumns(Mat source, int from, int count, Mat target, int to)
    {
        if (count == 0)
        {
            return;
        }

        using var part = new Mat(source, new Rect(from, 0, count, source.Rows));
        using var destination = new Mat(target, new Rect(to, 0, count, target.Rows));
        part.CopyTo(destination);
    }

    private void DrawBall(Mat frame, long n)
    {
        var radius = Math.Max(6, _height / 12);
        var spanX = Math.Max(1, _width - 2 * radius);
        var spanY = Math.Max(1, _height - 2 * radius);
        var x = Bounce(n * 7, spanX) + radius;
        var y = Bounce(n * 5, spanY) + radius;
        var hue = (byte)(n * 2 % 180);
        Cv2.Circle(frame, new Point(x, y), radius, HueToBgr(hue), -1, LineTypes.AntiAlias);
        Cv2.Circle(frame, new Point(x, y), radius, Scalar.White, Math.Max(1, radius / 12), LineTypes.AntiAlias);
    }

    private static int Bounce(long position, int span)
    {
        var p = (int)(position % (2 * span));
        return p < span ? p : 2 * span - p;
    }

    private static void DrawLabel(Mat frame, string text, Point origin, double scale)
    {
        var thickness = Math.Max(1, (int)Math.Round(2 * scale));
        Cv2.PutText(frame, text, origin, HersheyFonts.HersheySimplex, scale, Scalar.Black, thickness + 3, LineTypes.AntiAlias);
        Cv2.PutText(frame, text, origin, HersheyFonts.HersheySimplex, scale, Scalar.White, thickness, LineTypes.AntiAlias);
    }

    private static Scalar HueToBgr(byte hue)
    {
        using var hsv = new Mat(1, 1, MatType.CV_8UC3, new Scalar(hue, 220, 255));
        using var bgr = new Mat();
        Cv2.CvtColor(hsv, bgr, ColorConversionCodes.HSV2BGR);
        var pixel = bgr.Get<Vec3b>(0, 0);
        return new Scalar(pixel.Item0, pixel.Item1, pixel.Item2);
    }

    /// <summary>Colour bars, a gradient and fine texture, one frame wide (it wraps around as it scrolls).</summary>
    private static Mat CreateBackground(string name, int width, int height)
    {
        using var tile = new Mat(height, width, MatType.CV_8UC3);
        Scalar[] bars =
        [
            new(192, 192, 192), new(0, 192, 192), new(192, 192, 0), new(0, 192, 0),
            new(192, 0, 192), new(0, 0, 192), new(192, 0, 0), new(40, 40, 40),
        ];
        var barWidth = (width + bars.Length - 1) / bars.Length;
        for (var i = 0; i < bars.Length; i++)
        {
            Cv2.Rectangle(tile, new Rect(i * barWidth, 0, barWidth, height * 2 / 3), bars[i], -1);
        }

        // Lower third: a horizontal luminance ramp.
        var rampTop = height * 2 / 3;
        for (var x = 0; x < width; x++)
        {
            var v = 255.0 * x / Math.Max(1, width - 1);
            Cv2.Line(tile, new Point(x, rampTop), new Point(x, height - 1), new Scalar(v, v * 0.8, 255 - v));
        }

        // Texture, so the JPEG carries real detail; seeded from the name so each camera looks different.
        using var noise = new Mat(height, width, MatType.CV_8UC3);
        Cv2.SetTheRNG((ulong)name.Length * 7919 + name.Aggregate(17UL, (h, c) => h * 31 + c));
        Cv2.Randu(noise, Scalar.All(0), Scalar.All(24));
        var textured = new Mat();
        Cv2.AddWeighted(tile, 1.0, noise, 1.0, -12, textured);
        return textured;
    }
}
