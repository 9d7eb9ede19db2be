using OpenCvSharp;
using Streaming.Imaging;

namespace Streaming.Motion;

/// <summary>
/// Finds motion in one camera's frames: each check decodes the JPEG to a small gray picture (libjpeg-turbo's
/// reduced-size decode, the same one the previews use, then scaled to <see cref="MotionOptions.DetectionWidth"/>),
/// and compares it with the picture of the previous check. Differencing check to check (200 ms apart at the
/// default rate) rather than against a slow running average: an average keeps a ghost of an object that stopped
/// or left for seconds, which would stretch every event. Not thread-safe: one camera's checks run in order.
/// </summary>
internal sealed class MotionDetector(int detectionWidth) : IDisposable
{
    private readonly Mat _kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));
    private Mat? _previous;
    private Mat? _mask;
    private int _watchedPixels;
    private MotionSettings? _maskSettings;

    /// <summary>Checks one frame; the first frame (and the first after a size change) only sets the reference.</summary>
    public MotionReading Check(ReadOnlySpan<byte> jpeg, int sourceWidth, MotionSettings settings)
    {
        using var gray = DecodeGray(jpeg, sourceWidth);
        if (gray is null)
        {
            return MotionReading.None;
        }

        Cv2.GaussianBlur(gray, gray, new Size(5, 5), 0);
        if (_previous is null || _previous.Size() != gray.Size())
        {
            Replace(gray.Clone());
            return MotionReading.None;
        }

        EnsureMask(gray.Size(), settings);
        using var changed = new Mat();
        Cv2.Absdiff(gray, _previous, changed);
        Replace(gray.Clone());
        Cv2.Threshold(changed, changed, PixelThreshold(settings.Sensitivity), 255, ThresholdTypes.Binary);
        if (_mask is not null)
        {
            Cv2.BitwiseAnd(changed, _mask, changed);
        }

        // Opening drops single noisy pixels (sensor noise, JPEG blocks) before anything is counted.
        Cv2.MorphologyEx(changed, changed, MorphTypes.Open, _kernel);
        var count = Cv2.CountNonZero(changed);
        var score = _watchedPixels == 0 ? 0 : 100.0 * count / _watchedPixels;
        if (count == 0)
        {
            return new MotionReading(false, 0, null);
        }

        var box = Cv2.BoundingRect(changed);
        var region = new MotionRegion(
            (double)box.X / changed.Width, (double)box.Y / changed.Height, (double)box.Width / changed.Width, (double)box.Height / changed.Height);
        return new MotionReading(score >= settings.MinimumArea, Math.Round(score, 3), region);
    }

    /// <summary>A pixel counts as changed above this difference: 4 levels at sensitivity 100, 49 at 1.</summary>
    internal static double PixelThreshold(int sensitivity) => 4 + ((100 - Math.Clamp(sensitivity, 1, 100)) * 0.45);

    public void Reset() => Replace(null);

    public void Dispose()
    {
        Replace(null);
        _mask?.Dispose();
        _kernel.Dispose();
    }

    private Mat? DecodeGray(ReadOnlySpan<byte> jpeg, int sourceWidth)
    {
        var mode = JpegScale.For(sourceWidth, detectionWidth) switch
        {
            ImreadModes.ReducedColor8 => ImreadModes.ReducedGrayscale8,
            ImreadModes.ReducedColor4 => ImreadModes.ReducedGrayscale4,
            ImreadModes.ReducedColor2 => ImreadModes.ReducedGrayscale2,
            _ => ImreadModes.Grayscale,
        };
        var gray = Cv2.ImDecode(jpeg, mode);
        if (gray.Empty())
        {
            gray.Dispose();
            return null;
        }

        if (gray.Width <= detectionWidth)
        {
            return gray;
        }

        var small = new Mat();
        Cv2.Resize(gray, small, new Size(detectionWidth, Math.Max(1, (int)Math.Round((double)gray.Height * detectionWidth / gray.Width))), interpolation: InterpolationFlags.Area);
        gray.Dispose();
        return small;
    }

    /// <summary>The zones as a mask (white counts), drawn again only when the zones or the picture size change.</summary>
    private void EnsureMask(Size size, MotionSettings settings)
    {
        if (_maskSettings is { } drawn && drawn.Zones.SequenceEqual(settings.Zones) && (_mask is null || _mask.Size() == size))
        {
            return;
        }

        _mask?.Dispose();
        _mask = null;
        _maskSettings = settings;
        _watchedPixels = size.Width * size.Height;
        if (settings.Zones.Count == 0)
        {
            return;
        }

        var includes = settings.Zones.Any(z => z.Mode == MotionZoneMode.Include);
        _mask = new Mat(size, MatType.CV_8UC1, includes ? Scalar.Black : Scalar.White);
        Fill(MotionZoneMode.Include, Scalar.White);
        Fill(MotionZoneMode.Ignore, Scalar.Black);
        _watchedPixels = Cv2.CountNonZero(_mask);

        void Fill(MotionZoneMode mode, Scalar colour)
        {
            var polygons = settings.Zones.Where(z => z.Mode == mode)
                .Select(z => z.Points.Select(p => new Point(p.X * (size.Width - 1), p.Y * (size.Height - 1))))
                .ToArray();
            if (polygons.Length > 0)
            {
                Cv2.FillPoly(_mask, polygons, colour);
            }
        }
    }

    private void Replace(Mat? next)
    {
        _previous?.Dispose();
        _previous = next;
    }
}

/// <summary>One check's result: whether it counts as motion, the changed share of the watched picture (%), and where.</summary>
public sealed record MotionReading(bool IsMotion, double Score, MotionRegion? Region)
{
    public static MotionReading None { get; } = new(false, 0, null);
}

/// <summary>The box around the changed pixels, as fractions of the picture.</summary>
public sealed record MotionRegion(double X, double Y, double Width, double Height);
