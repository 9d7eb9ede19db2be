using OpenCvSharp;

namespace Streaming.Sources;

/// <summary>
/// A frame as a source delivers it: either a decoded image that still needs encoding, or a JPEG
/// that can be passed through untouched.
/// </summary>
public sealed class SourceFrame : IDisposable
{
    private SourceFrame(Mat? image, byte[]? jpeg, int width, int height, DateTimeOffset capturedAt, string? format = null)
    {
        Format = format;
        Image = image;
        Jpeg = jpeg;
        Width = width;
        Height = height;
        CapturedAt = capturedAt;
    }

    /// <summary>A decoded BGR image (owned by this frame), or null for a JPEG frame.</summary>
    public Mat? Image { get; }

    /// <summary>An already encoded JPEG, or null for a decoded image.</summary>
    public byte[]? Jpeg { get; }

    public int Width { get; }

    public int Height { get; }

    public DateTimeOffset CapturedAt { get; }

    /// <summary>For a decoded image: what the source decoded it from (say "H264"), when known; shown as the reason it is encoded.</summary>
    public string? Format { get; }

    public static SourceFrame FromImage(Mat image, DateTimeOffset capturedAt, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new SourceFrame(image, null, image.Width, image.Height, capturedAt, format);
    }

    public static SourceFrame FromJpeg(byte[] jpeg, int width, int height, DateTimeOffset capturedAt)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        return new SourceFrame(null, jpeg, width, height, capturedAt);
    }

    public void Dispose() => Image?.Dispose();
}
