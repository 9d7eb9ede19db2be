using System.Buffers.Binary;
using Streaming.Broadcasting;

namespace Dashboard.Tiles;

/// <summary>
/// The 16 bytes in front of each JPEG on the tile socket, little-endian: tile number (uint32), the
/// generation of the page's show request the frame answers (uint32), capture time in Unix milliseconds (float64).
/// </summary>
internal static class TileFrameHeader
{
    public const int Length = 16;

    public static void Write(Span<byte> destination, int tile, uint generation, JpegFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)tile);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], generation);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[8..], UnixMilliseconds(frame.CapturedAt));
    }

    public static double UnixMilliseconds(DateTimeOffset at) =>
        (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;
}
