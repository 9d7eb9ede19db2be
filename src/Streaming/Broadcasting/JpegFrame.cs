using System.Diagnostics;
using System.Globalization;
using System.Text.Unicode;

namespace Streaming.Broadcasting;

/// <summary>
/// One encoded picture, shared read-only by every subscriber of a camera. A frame read by the app itself lies in
/// an array from <see cref="FramePool"/>, which goes back when the last holder releases it: whoever keeps the frame
/// past the call that handed it over holds it (<see cref="Hold"/>) and releases it when done, so the next frame
/// reuses the array instead of allocating one of a frame's size. Frames handed out by the public API
/// (<see cref="FrameBroadcaster.Latest"/>, <see cref="Subscription.ReadAllAsync"/>) are held for good: their bytes
/// never change, and the GC frees them.
/// </summary>
public sealed class JpegFrame
{
    private readonly byte[] _array;
    private readonly bool _pooled;
    private int _holders = 1;
    private byte[]? _partHeader;

    /// <summary>A frame over <paramref name="data"/> as it is (not pooled: holds and releases do nothing).</summary>
    public JpegFrame(byte[] data, long sequence, DateTimeOffset capturedAt, int width, int height, bool isPlaceholder = false)
        : this(data ?? throw new ArgumentNullException(nameof(data)), data.Length, pooled: false, sequence, capturedAt, width, height, isPlaceholder)
    {
    }

    private JpegFrame(byte[] array, int length, bool pooled, long sequence, DateTimeOffset capturedAt, int width, int height, bool isPlaceholder)
    {
        _array = array;
        _pooled = pooled;
        Length = length;
        Sequence = sequence;
        CapturedAt = capturedAt;
        Width = width;
        Height = height;
        IsPlaceholder = isPlaceholder;
    }

    /// <summary>The JPEG's bytes.</summary>
    public ReadOnlyMemory<byte> Data => new(_array, 0, Length);

    /// <summary><see cref="Data"/> as a segment of the array, for gather writes to a socket.</summary>
    internal ArraySegment<byte> Segment => new(_array, 0, Length);

    public int Length { get; }

    public long Sequence { get; }

    public DateTimeOffset CapturedAt { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>A "no signal" or "stopped" card drawn by the server, not a picture from the camera.</summary>
    public bool IsPlaceholder { get; }

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
        if (!Utf8.TryWrite(header, CultureInfo.InvariantCulture, $"Content-Type: image/jpeg\r\nContent-Length: {Length}\r\nX-Timestamp: {seconds}.{micros:D6}\r\n{(IsPlaceholder ? "X-Placeholder: 1\r\n" : "")}\r\n", out var written))
        {
            throw new UnreachableException("A part header is at most 130 bytes.");
        }

        return header[..written].ToArray();
    }

    /// <summary>
    /// A frame over the first <paramref name="length"/> bytes of <paramref name="rented"/>, an array from
    /// <see cref="FramePool"/> that it now owns; the caller holds it once and releases it when done.
    /// </summary>
    internal static JpegFrame FromPool(byte[] rented, int length, long sequence, DateTimeOffset capturedAt, int width, int height) =>
        new(rented, length, pooled: true, sequence, capturedAt, width, height, isPlaceholder: false);

    /// <summary>True once a pooled frame's last holder has released it: its array may already carry another frame.</summary>
    internal bool ReturnedToPool => _pooled && Volatile.Read(ref _holders) == 0;

    /// <summary>One more holder, for a caller that holds the frame already (or is handed it during a call); returns the frame.</summary>
    internal JpegFrame Hold() =>
        TryHold() ? this : throw new InvalidOperationException("A frame was held after its last holder released it.");

    /// <summary>
    /// Holds the frame unless its last holder has released it already (a reader of a shared slot that may have
    /// moved on: it reads the slot again).
    /// </summary>
    internal bool TryHold()
    {
        if (!_pooled)
        {
            return true;
        }

        for (var holders = Volatile.Read(ref _holders); holders > 0; holders = Volatile.Read(ref _holders))
        {
            if (Interlocked.CompareExchange(ref _holders, holders + 1, holders) == holders)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lets go of the frame; after the last holder its array goes back to the pool.</summary>
    internal void Release()
    {
        if (!_pooled)
        {
            return;
        }

        var left = Interlocked.Decrement(ref _holders);
        if (left == 0)
        {
            FramePool.Return(_array);
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A frame was released more often than it was held.");
        }
    }

    /// <summary>Whole Unix seconds and the microseconds after them (rounded to the nearest), for times after 1970.</summary>
    private (long Seconds, long Micros) UnixMicroseconds()
    {
        var micros = (Math.Max(0, CapturedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) + 5) / 10;
        return Math.DivRem(micros, 1_000_000);
    }
}
