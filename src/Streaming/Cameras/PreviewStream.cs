using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Imaging;

namespace Streaming.Cameras;

/// <summary>
/// The camera's preview variant: frames scaled down to <see cref="StreamingOptions.PreviewWidth"/> at most
/// <see cref="StreamingOptions.PreviewMaxFps"/>, encoded once however many tiles show them, and only while
/// someone watches the preview.
/// </summary>
internal sealed class PreviewStream(StreamingOptions options, TimeProvider time)
{
    private readonly long _minTicksBetween = (long)(TimeSpan.TicksPerSecond / options.PreviewMaxFps);
    private long _lastTicks;
    private long _framesEncoded;
    private double _encodeMilliseconds;

    public FrameBroadcaster Frames { get; } = new(time);

    public long FramesEncoded => Interlocked.Read(ref _framesEncoded);

    public double EncodeMilliseconds => Volatile.Read(ref _encodeMilliseconds);

    /// <summary>Called by the capture loop for every full frame, with its decoded image when there is one.</summary>
    public void Offer(Mat? image, JpegFrame full)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (Frames.SubscriberCount == 0 || now - _lastTicks < _minTicksBetween)
        {
            return;
        }

        _lastTicks = now;
        if (full.Width <= options.PreviewWidth)
        {
            Frames.Publish(full);
            return;
        }

        var started = time.GetTimestamp();
        using var small = Shrink(image, full);
        if (small.Empty())
        {
            return;
        }

        var jpeg = JpegEncoder.Encode(small, options.PreviewJpegQuality);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        Interlocked.Increment(ref _framesEncoded);
        var average = Volatile.Read(ref _encodeMilliseconds);
        Volatile.Write(ref _encodeMilliseconds, average == 0 ? elapsed : average * 0.9 + elapsed * 0.1);
        Frames.Publish(new JpegFrame(jpeg, full.Sequence, full.CapturedAt, small.Width, small.Height));
    }

    private Mat Shrink(Mat? image, JpegFrame full)
    {
        var width = options.PreviewWidth;
        var height = Math.Max(1, (int)Math.Round((double)full.Height * width / full.Width));
        var shrunk = new Mat();
        if (image is not null)
        {
            Cv2.Resize(image, shrunk, new Size(width, height), interpolation: InterpolationFlags.Area);
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
