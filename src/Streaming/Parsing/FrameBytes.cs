using System.Buffers;

namespace Streaming.Parsing;

/// <summary>A frame's own array, cut out of a read buffer.</summary>
internal static class FrameBytes
{
    /// <summary>
    /// Copies <paramref name="bytes"/> into a new array that is not zeroed first: the copy writes every byte, and a
    /// frame is tens to hundreds of KB (zeroing it cost as much as copying it).
    /// </summary>
    public static byte[] CopyOf(in ReadOnlySequence<byte> bytes)
    {
        var copy = GC.AllocateUninitializedArray<byte>(checked((int)bytes.Length));
        bytes.CopyTo(copy);
        return copy;
    }
}
