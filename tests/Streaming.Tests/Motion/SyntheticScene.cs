using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Imaging;

namespace Streaming.Tests.Motion;

/// <summary>
/// A camera's frames made up for a test: a still, textured picture with sensor noise, and a bright square that
/// moves across a known box of the picture during a known window. Each frame is a real JPEG with its capture time.
/// </summary>
internal sealed record SyntheticScene(
    double Seconds,
    double MoveFrom,
    double MoveTo,
    Rect2d Box,
    double Fps = 15,
    int Width = 640,
    int Height = 360)
{
    public static readonly DateTimeOffset Origin = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => Origin + TimeSpan.FromSeconds(seconds);

    public IReadOnlyList<JpegFrame> Render()
    {
        using var background = new Mat(Height, Width, MatType.CV_8UC3, new Scalar(90, 100, 110));
        for (var x = 0; x < Width; x += 40)
        {
            Cv2.Line(background, new Point(x, 0), new Point(x, Height), new Scalar(60, 70, 80), 2);
        }

        using var noise = new Mat(Height, Width, MatType.CV_8UC3);
        var frames = new List<JpegFrame>();
        var count = (int)(Seconds * Fps);
        for (var i = 0; i < count; i++)
        {
            var t = i / Fps;
            using var frame = background.Clone();
            Cv2.Randn(noise, new Scalar(0, 0, 0), new Scalar(3, 3, 3));
            Cv2.Add(frame, noise, frame);
            if (t >= MoveFrom && t < MoveTo)
            {
                // The square crosses the box from left to right, bouncing down a little so every check sees it move.
                var progress = (t - MoveFrom) / (MoveTo - MoveFrom);
                var side = (int)(Math.Min(Box.Width * Width, Box.Height * Height) / 2);
                var left = (int)((Box.X * Width) + (progress * ((Box.Width * Width) - side)));
                var top = (int)((Box.Y * Height) + ((Box.Height * Height) - side) * (0.5 + (0.5 * Math.Sin(progress * 12))));
                Cv2.Rectangle(frame, new Rect(left, top, side, side), new Scalar(235, 240, 245), -1);
            }

            frames.Add(new JpegFrame(JpegEncoder.Encode(frame, 80), i + 1, At(t), Width, Height));
        }

        return frames;
    }
}
