using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Diagnostics;
using Streaming.Imaging;

namespace Streaming.Cameras;

/// <summary>
/// One preview size of a camera: frames at most <see cref="Width"/> wide, at most
/// <see cref="StreamingOptions.PreviewMaxFps"/>, made once however many tiles show them and only while one does.
/// </summary>
internal sealed class PreviewVariant(int width, StreamingOptions options, TimeProvider time, StreamingMetrics? metrics, string cameraId)
{
    private readonly RateSchedule _schedule = new(options.PreviewMaxFps);

    public int Width { get; } = width;

    public FrameBroadcaster Frames { get; } = new(time, metrics, cameraId);

    /// <summary>
    /// True when a tile watches and the next preview frame is due; then the schedule moves on. Scheduled by due
    /// time with half an interval of slack, so a 15 fps camera gives the full 10 fps preview instead of every other frame.
    /// </summary>
    public bool TakeDue() => Frames.SubscriberCount > 0 && _schedule.TakeDue(time.GetUtcNow().UtcTicks);

    /// <summary>The preview's size for a picture of the given size: <see cref="Width"/> wide at most, same aspect.</summary>
    public Size SizeFor(int pictureWidth, int pictureHeight)
    {
        var w = Math.Min(Width, pictureWidth);
        return new Size(w, Math.Max(1, (int)Math.Round((double)pictureHeight * w / pictureWidth)));
    }

    /// <summary>
    /// Scales <paramref name="image"/> to this preview's size, encodes it and publishes it; the work since
    /// <paramref name="started"/> (a decode included) is recorded in <paramref name="meter"/>.
    /// </summary>
    public void PublishScaled(Mat image, long sequence, DateTimeOffset capturedAt, EncodeMeter meter, long started)
    {
        var size = SizeFor(image.Width, image.Height);
        byte[] jpeg;
        if (image.Width == size.Width && image.Height == size.Height)
        {
            jpeg = JpegEncoder.Encode(image, options.PreviewJpegQuality);
        }
        else
        {
            using var small = new Mat();
            Cv2.Resize(image, small, size, interpolation: InterpolationFlags.Area);
            jpeg = JpegEncoder.Encode(small, options.PreviewJpegQuality);
        }

        meter.Record(started);
        Frames.Publish(new JpegFrame(jpeg, sequence, capturedAt, size.Width, size.Height));
    }
}
