using System.Buffers;
using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Imaging;

namespace Streaming.Sources;

/// <summary>
/// A frame as a source delivers it: either a decoded image that still needs encoding, or a JPEG
/// that can be passed through untouched. A JPEG the source read itself lies in an array from
/// <see cref="FramePool"/>: disposing the frame returns it, unless the pipeline took it on (<see cref="ToJpegFrame"/>).
/// </summary>
public sealed class SourceFrame : IDisposable
{
    private byte[]? _array;
    private bool _pooled;

    private SourceFrame()
    {
    }

    /// <summary>A decoded BGR image (owned by this frame), or null for a JPEG frame.</summary>
    public Mat? Image { get; private init; }

    /// <summary>True for an already encoded JPEG (<see cref="Jpeg"/>), false for a decoded <see cref="Image"/>.</summary>
    public bool IsJpeg => Image is null;

    /// <summary>The JPEG's bytes (empty for a decoded image), valid until the frame is disposed.</summary>
    public ReadOnlyMemory<byte> Jpeg => _array is { } array ? new(array, 0, JpegLength) : default;

    public int Width { get; private init; }

    public int Height { get; private init; }

    public DateTimeOffset CapturedAt { get; private init; }

    /// <summary>For a decoded image: what the source decoded it from (say "H264"), when known; shown as the reason it is encoded.</summary>
    public string? Format { get; private init; }

    private int JpegLength { get; init; }

    public static SourceFrame FromImage(Mat image, DateTimeOffset capturedAt, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new SourceFrame { Image = image, Width = image.Width, Height = image.Height, CapturedAt = capturedAt, Format = format };
    }

    /// <summary>A JPEG in an array the source keeps (a cached file): passed on as it is, never pooled.</summary>
    public static SourceFrame FromJpeg(byte[] jpeg, int width, int height, DateTimeOffset capturedAt)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        return new SourceFrame { _array = jpeg, JpegLength = jpeg.Length, Width = width, Height = height, CapturedAt = capturedAt };
    }

    /// <summary>
    /// A JPEG in the first <paramref name="length"/> bytes of <paramref name="rented"/>, an array from
    /// <see cref="FramePool.Rent"/> that the frame now owns; its size is read from its header (0x0 when it has none).
    /// </summary>
    internal static SourceFrame FromPool(byte[] rented, int length, DateTimeOffset capturedAt)
    {
        JpegInfo.TryReadSize(rented.AsSpan(0, length), out var width, out var height);
        return Pooled(rented, length, width, height, capturedAt);
    }

    /// <summary>
    /// <see cref="FromPool"/> for a source that skips damaged frames: null, with the array back in the pool, when the
    /// bytes have no JPEG frame header to read the size from.
    /// </summary>
    internal static SourceFrame? FromPoolUnlessDamaged(byte[] rented, int length, DateTimeOffset capturedAt)
    {
        if (JpegInfo.TryReadSize(rented.AsSpan(0, length), out var width, out var height))
        {
            return Pooled(rented, length, width, height, capturedAt);
        }

        FramePool.Return(rented);
        return null;
    }

    private static SourceFrame Pooled(byte[] rented, int length, int width, int height, DateTimeOffset capturedAt) =>
        new() { _array = rented, _pooled = true, JpegLength = length, Width = width, Height = height, CapturedAt = capturedAt };

    /// <summary>Copies a JPEG out of a read buffer into an array from <see cref="FramePool"/>.</summary>
    internal static SourceFrame CopyFrom(in ReadOnlySequence<byte> jpeg, DateTimeOffset capturedAt)
    {
        var length = checked((int)jpeg.Length);
        var rented = FramePool.Rent(length);
        jpeg.CopyTo(rented);
        return FromPool(rented, length, capturedAt);
    }

    /// <summary>
    /// The JPEG as a frame for viewers, held once by the caller. A pooled array moves into it (this frame no longer
    /// returns it); a kept one is shared.
    /// </summary>
    internal JpegFrame ToJpegFrame(long sequence)
    {
        var array = _array ?? throw new InvalidOperationException("The frame is a decoded image, not a JPEG.");
        if (!_pooled)
        {
            return new JpegFrame(array, sequence, CapturedAt, Width, Height);
        }

        _pooled = false;
        _array = null;
        return JpegFrame.FromPool(array, JpegLength, sequence, CapturedAt, Width, Height);
    }

    public void Dispose()
    {
        Image?.Dispose();
        if (_pooled && _array is { } array)
        {
            _pooled = false;
            _array = null;
            FramePool.Return(array);
        }
    }
}
