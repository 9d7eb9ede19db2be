using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Diagnostics;
using Streaming.Imaging;

namespace Streaming.Cameras;

/// <summary>
/// The camera's preview variant: frames scaled down to <see cref="StreamingOptions.PreviewWidth"/> at most
/// <see cref="StreamingOptions.PreviewMaxFps"/>, encoded once however many tiles show them, and only while
/// someone watches the preview.
/// </summary>
internal sealed class PreviewStream(StreamingOptions options, TimeProvider time, StreamingMetrics? metrics = null, string cameraId = "")
{
    private readonly long _intervalTicks = (long)(TimeSpan.TicksPerSecond / options.PreviewMaxFps);
    private long _nextDueTicks;
    private long _framesEncoded;
    private double _encodeMilliseconds;

    public FrameBroadcaster Frames { get; } = new(time, metrics, cameraId);

    public long FramesEncoded => Interlocked.Read(ref _framesEncoded);

    public double EncodeMilliseconds => Volatile.Read(ref _encodeMilliseconds);

    /// <summary>
    /// Called by the capture loop for every captured frame, with its decoded (and adjusted) image when there is
    /// one and the full-size JPEG when one was made.
    /// </summary>
    public void Offer(Mat? image, JpegFrame? full, FrameStamp stamp)
    {
        // Scheduled by due time with half an interval of slack, so a 15 fps camera gives the full 10 fps
        // preview instead of every other frame (7.5 fps).
        var now = time.GetUtcNow().UtcTicks;
        if (Frames.SubscriberCount == 0 || now < _nextDueTicks - _intervalTicks / 2)
        {
            return;
        }

        // Keep to the schedule; after a pause (more than an interval late) start a new one from now.
        _nextDueTicks = (now - _nextDueTicks > _intervalTicks ? now : _nextDueTicks) + _intervalTicks;
        // Without OpenCV a passed-through frame cannot be scaled: tiles get it full size rather than nothing.
        if (full is not null && (full.Width <= options.PreviewWidth || (image is null && !OpenCvRuntime.IsAvailable)))
        {
            Frames.Publish(full);
            return;
        }

        var started = time.GetTimestamp();
        using var small = Shrink(image, full, stamp);
        if (small.Empty())
        {
            return;
        }

        var jpeg = JpegEncoder.Encode(small, options.PreviewJpegQuality);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        Interlocked.Increment(ref _framesEncoded);
        var average = Volatile.Read(ref _encodeMilliseconds);
        Volatile.Write(ref _encodeMilliseconds, average == 0 ? elapsed : average * 0.9 + elapsed * 0.1);
        Frames.Publish(new JpegFrame(jpeg, stamp.Sequence, stamp.CapturedAt, small.Width, small.Height));
    }

    private Mat Shrink(Mat? image, JpegFrame? full, FrameStamp stamp)
    {
        var width = Math.Min(options.PreviewWidth, stamp.Width);
        var height = Math.Max(1, (int)Math.Round((double)stamp.Height * width / stamp.Width));
        var shrunk = new Mat();
        if (image is not null)
        {
            Cv2.Resize(image, shrunk, new Size(width, height), interpolation: InterpolationFlags.Area);
            return shrunk;
        }

        if (full is null)
        {
            return shrunk;
        }

        // A passed-through JPEG: let the decoder skip most of the work by decoding at reduced size.
        var reduce = full.Width >= width * 4 ? ImreadModes.ReducedColor4 : full.Width >= width * 2 ? ImreadModes.ReducedColor2 : ImreadModes.Color;
        using var decoded = Cv2.ImDecode(full.Data, reduce);
        if (decoded.Empty())
        {
            return shrunk;
        }

        Cv2.Resize(decoded, shrunk, new Size(width, height), interpolation: InterpolationFlags.Area);
        return shrunk;
    }
}

/// <summary>Which captured frame a preview is made from.</summary>
internal readonly record struct FrameStamp(long Sequence, DateTimeOffset CapturedAt, int Width, int Height);
