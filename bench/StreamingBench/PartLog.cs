namespace StreamingBench;

/// <summary>One received multipart part: when its last byte arrived and the capture time it carried.</summary>
internal readonly record struct PartRecord(long ReceivedMicros, long CapturedMicros)
{
    /// <summary>Capture-to-receive time (latency for a fast client, picture age for a slow one).</summary>
    public long AgeMicros => ReceivedMicros - CapturedMicros;
}

/// <summary>What one client received. Written by its own receive loop only; read once the loop has ended.</summary>
internal sealed class PartLog(int expectedParts)
{
    public List<PartRecord> Parts { get; } = new(expectedParts);

    /// <summary>Parts whose body did not start with FF D8 or end with FF D9, or that broke the framing.</summary>
    public int Errors { get; set; }

    public void Add(long receivedMicros, long capturedMicros) => Parts.Add(new PartRecord(receivedMicros, capturedMicros));

    /// <summary>The parts that completed inside [from, to).</summary>
    public IEnumerable<PartRecord> Between(long fromMicros, long toMicros) =>
        Parts.Where(p => p.ReceivedMicros >= fromMicros && p.ReceivedMicros < toMicros);
}
