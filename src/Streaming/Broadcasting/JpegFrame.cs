using System.Diagnostics;
using System.Globalization;
using System.Text.Unicode;

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
    public string UnixTimestamp
    {
        get
        {
            var (seconds, micros) = UnixMicroseconds();
            return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{micros:D6}");
        }
    }

    /// <summary>
    /// The multipart part headers for this frame (type, length, capture time, and <c>X-Placeholder: 1</c> on a
    /// card drawn by the server instead of a picture), built once and shared by
    /// every HTTP client.
    /// </summary>
    public ReadOnlySpan<byte> PartHeader => PartHeaderBytes;

    /// <summary><see cref="PartHeader"/> as the shared array, for senders that hand it to the socket as it is.</summary>
    internal byte[] PartHeaderBytes => _partHeader ??= BuildPartHeader();

    // Once per frame on the camera's thread: integers written straight to UTF-8 (formatting the time as a double
    // took a Dragon4 conversion and two strings, 6 % of a passed-through frame's cost in perf).
    private byte[] BuildPartHeader()
    {
        Span<byte> header = stackalloc byte[160];
        var (seconds, micros) = UnixMicroseconds();
        if (!Utf8.TryWrite(header, CultureInfo.InvariantCulture, $"Content-Type: image/jpeg\r\nContent-Length: {Data.Length}\r\nX-Timestamp: {seconds}.{micros:D6}\r\n{(IsPlaceholder ? "X-Placeholder: 1\r\n" : "")}\r\n", out var written))
        {
            throw new UnreachableException("A part header is at most 130 bytes.");
        }

        return header[..written].ToArray();
    }

    /// <summary>Whole Unix seconds and the microseconds after them (rounded to the nearest), for times after 1970.</summary>
    private (long Seconds, long Micros) UnixMicroseconds()
    {
        var micros = (Math.Max(0, CapturedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) + 5) / 10;
        return Math.DivRem(micros, 1_000_000);
    }
}
