using OpenCvSharp;

namespace Streaming.Sources;

/// <summary>
/// A frame as a source delivers it: either a decoded image that still needs encoding, or a JPEG
/// that can be passed through untouched.
/// </summary>
public sealed class SourceFrame : IDisposable
{
    private SourceFrame()
    {
    }

    /// <summary>A decoded BGR image (owned by this frame), or null for a JPEG frame.</summary>
    public Mat? Image { get; private init; }

    /// <summary>An already encoded JPEG, or null for a decoded image.</summary>
    public byte[]? Jpeg { get; private init; }

    public int Width { get; private init; }

    public int Height { get; private init; }

    public DateTimeOffset CapturedAt { get; private init; }

    /// <summary>For a decoded image: what the source decoded it from (say "H264"), when known; shown as the reason it is encoded.</summary>
    public string? Format { get; private init; }

    public static SourceFrame FromImage(Mat image, DateTimeOffset capturedAt, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new SourceFrame { Image = image, Width = image.Width, Height = image.Height, CapturedAt = capturedAt, Format = format };
    }

    public static SourceFrame FromJpeg(byte[] jpeg, int width, int height, DateTimeOffset capturedAt)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        return new SourceFrame { Jpeg = jpeg, Width = width, Height = height, CapturedAt = capturedAt };
    }

    public void Dispose() => Image?.Dispose();
}
