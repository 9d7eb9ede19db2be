namespace CaptureBench;

/// <summary>Counts the parts of a multipart MJPEG body as it streams by (the boundary lines, also when split across reads).</summary>
internal sealed class PartCounter
{
    private static readonly byte[] Boundary = "\r\n--"u8.ToArray();
    private readonly byte[] _carry = new byte[Boundary.Length - 1];
    private int _carried;
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(ReadOnlySpan<byte> bytes)
    {
        // The tail of the previous read joined to the head of this one, for a boundary split between them.
        Span<byte> seam = stackalloc byte[2 * _carry.Length];
        _carry.AsSpan(0, _carried).CopyTo(seam);
        var head = bytes[..Math.Min(bytes.Length, _carry.Length)];
        head.CopyTo(seam[_carried..]);
        var found = Occurrences(seam[..(_carried + head.Length)]) + Occurrences(bytes);
        Interlocked.Add(ref _count, found);
        var tail = bytes[Math.Max(0, bytes.Length - _carry.Length)..];
        tail.CopyTo(_carry);
        _carried = tail.Length;
    }

    private static int Occurrences(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        int at;
        while ((at = bytes.IndexOf(Boundary)) >= 0)
        {
            count++;
            bytes = bytes[(at + Boundary.Length)..];
        }

        return count;
    }
}
