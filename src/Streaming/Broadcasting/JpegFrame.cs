using System.Globalization;
using System.Text;

namespace Streaming.Broadcasting;

/// <summary>
/// One encoded picture, shared read-only by every subscriber of a camera.
/// </summary>
public sealed class JpegFrame(byte[] data, long sequence, DateTimeOffset capturedAt, int width, int height, bool isPlaceholder = false)
{
    private byte[]? _partHeader;

    public byte[] Data { get; } = data ?? throw new ArgumentNullException(nameof(data));

    public long Sequence { get; } = sequence;

    public DateTimeOffset CapturedAt { get; } = capturedAt;

    public int Width { get; } = width;

    public int Height { get; } = height;

    /// <summary>A "no signal" or "stopped" card drawn by the server, not a picture from the camera.</summary>
    public bool IsPlaceholder { get; } = isPlaceholder;

    public int Length => Data.Length;

    /// <summary>Capture time as Unix seconds with microsecond fraction, as sent in <c>X-Timestamp</c>.</summary>
    public string UnixTimestamp =>
        ((CapturedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond)
        .ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>
    /// The multipart part headers for this frame (type, length, capture time, and <c>X-Placeholder: 1</c> on a
    /// card drawn by the server instead of a picture), built once and shared by
    /// every HTTP client.
    /// </summary>
    public ReadOnlySpan<byte> PartHeader => PartHeaderBytes;

    /// <summary><see cref="PartHeader"/> as the shared array, for senders that hand it to the socket as it is.</summary>
    internal byte[] PartHeaderBytes => _partHeader ??= Encoding.ASCII.GetBytes(
        $"Content-Type: image/jpeg\r\nContent-Length: {Data.Length}\r\nX-Timestamp: {UnixTimestamp}\r\n{(IsPlaceholder ? "X-Placeholder: 1\r\n" : "")}\r\n");
}
