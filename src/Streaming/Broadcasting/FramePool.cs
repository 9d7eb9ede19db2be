using System.Buffers;

namespace Streaming.Broadcasting;

/// <summary>
/// The arrays sources read frames into (<see cref="ArrayPool{T}.Shared"/>, which trims what sits unused when memory
/// runs short). An array goes back only when its frame's last holder lets go (<see cref="JpegFrame.Release"/>); one
/// that never comes back (a frame kept for good) is simply collected, so a missing return costs an allocation and
/// never a wrong byte.
/// </summary>
internal static class FramePool
{
    /// <summary>An array of at least <paramref name="length"/> bytes; its contents are left over from earlier frames.</summary>
    public static byte[] Rent(int length) => ArrayPool<byte>.Shared.Rent(length);

    public static void Return(byte[] array) => ArrayPool<byte>.Shared.Return(array);
}
