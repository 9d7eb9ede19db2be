using System.Buffers;
using System.Text;
using Streaming.Parsing;

namespace Streaming.Tests.Parsing;

public sealed class MultipartMjpegReaderTests
{
    private static readonly byte[][] Frames = [TestImages.Jpeg(64, 48, 10), TestImages.Jpeg(80, 60, 120), TestImages.Jpeg(32, 24, 250)];

    private static byte[] Stream(PartFraming framing, Func<int, string>? extra = null, string preamble = "", string ending = "")
    {
        using var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes(preamble));
        for (var i = 0; i < Frames.Length; i++)
        {
            RemoteCamera.WritePartAsync(body, Frames[i], framing, extra?.Invoke(i) ?? "", first: i == 0, CancellationToken.None).GetAwaiter().GetResult();
        }

        // A stream without lengths needs the next boundary to end the last part.
        body.Write(Encoding.ASCII.GetBytes(ending.Length > 0 ? ending : $"\r\n--{framing.Boundary}\r\n"));
        return body.ToArray();
    }

    /// <summary>Feeds the bytes in pieces of the given size, as a pipe would: unconsumed bytes stay and more are appended.</summary>
    private static List<MultipartPart> ReadAll(MultipartMjpegReader reader, byte[] data, int piece)
    {
        var parts = new List<MultipartPart>();
        var pending = new List<byte>();
        for (var at = 0; at < data.Length; at += piece)
        {
            pending.AddRange(data.AsSpan(at, Math.Min(piece, data.Length - at)));
            var buffer = new ReadOnlySequence<byte>(pending.ToArray());
            while (reader.TryReadPart(ref buffer, out var part))
            {
                parts.Add(part);
            }

            pending = [.. buffer.ToArray()];
        }

        return parts;
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void PartsComeOutByteForByteWithOrWithoutLengthAndCrlfBeforeTheBoundary(bool contentLength, bool crlf)
    {
        var framing = new PartFraming("frame", contentLength, crlf);

        var parts = ReadAll(new MultipartMjpegReader("frame"), Stream(framing), 64 * 1024);

        Assert.Equal(Frames, parts.Select(p => p.Body));
        Assert.All(parts, p => Assert.Equal("image/jpeg", p.ContentType));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASliceIsTheBodyInPlaceWithTheLengthThePartDeclared(bool contentLength)
    {
        var data = Stream(new PartFraming("frame", contentLength));
        var reader = new MultipartMjpegReader("frame");
        var buffer = new ReadOnlySequence<byte>(data);
        var parts = new List<(byte[] Body, long? Length, bool InPlace)>();

        while (reader.TrySlicePart(ref buffer, out var body, out var part))
        {
            parts.Add((body.ToArray(), part.ContentLength, part.Body.Length == 0 && data.AsSpan().Overlaps(body.FirstSpan)));
        }

        Assert.Equal(Frames, parts.Select(p => p.Body));
        Assert.Equal(Frames.Select(f => contentLength ? f.Length : (long?)null), parts.Select(p => p.Length));
        Assert.All(parts, p => Assert.True(p.InPlace, "the body is a slice of the buffer, not a copy"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void ReadsSplitAnywhereGiveTheSameParts(int piece)
    {
        foreach (var contentLength in new[] { true, false })
        {
            var parts = ReadAll(new MultipartMjpegReader("ffmpeg"), Stream(new PartFraming("ffmpeg", contentLength, CrlfBeforeBoundary: false)), piece);

            Assert.Equal(Frames, parts.Select(p => p.Body));
        }
    }

    [Fact]
    public void TimestampsAndPlaceholderMarksAreRead()
    {
        var data = Stream(new PartFraming(), i => i == 1 ? "X-Timestamp: 1700000000.250000\r\nX-Placeholder: 1\r\n" : "x-timestamp: 1700000001.5\r\n");

        var parts = ReadAll(new MultipartMjpegReader("remote"), data, 4096);

        Assert.Equal([false, true, false], parts.Select(p => p.IsPlaceholder));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250), parts[1].Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_500), parts[2].Timestamp);
    }

    [Fact]
    public void PreambleBeforeTheFirstBoundaryIsSkippedAndTheClosingBoundaryEndsTheStream()
    {
        var reader = new MultipartMjpegReader("remote");

        var parts = ReadAll(reader, Stream(new PartFraming(), preamble: "This is a multipart stream.\r\n", ending: "\r\n--remote--\r\n"), 4096);

        Assert.Equal(Frames, parts.Select(p => p.Body));
        Assert.True(reader.Ended);
    }

    [Fact]
    public void DataWithoutTheBoundaryIsRejectedSayingWhatItStartsWith()
    {
        var garbage = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("garbage without any boundary ", 5000)));

        var error = Assert.Throws<InvalidDataException>(() => ReadAll(new MultipartMjpegReader("remote"), garbage, 8192));

        Assert.Contains("No '--remote' boundary in 64 KB", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"garbage without any boundary", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NothingButThePartsThemselvesIsAllocated(bool contentLength)
    {
        var frame = TestImages.Jpeg(1280, 720);
        var framing = new PartFraming("frame", contentLength);
        using var body = new MemoryStream();
        for (var i = 0; i < 50; i++)
        {
            await RemoteCamera.WritePartAsync(body, frame, framing, "X-Timestamp: 1700000000.123456\r\n", first: i == 0, CancellationToken.None);
        }

        body.Write("\r\n--frame\r\n"u8);

        // The fewest of three rounds: a collection another test sets off can shift one round's count by kilobytes,
        // while an allocation per part shows in every round.
        var stream = body.ToArray();
        var overheads = Enumerable.Range(0, 3).Select(_ => OverheadPerPart(stream)).ToList();
        Assert.True(overheads.Min() < 16, $"{string.Join(", ", overheads)} bytes per part besides its body");
    }

    private static long OverheadPerPart(byte[] stream)
    {
        // In 4 KB segments, as a pipe hands them over; the whole stream is there, so each part is found in one pass.
        var buffer = Segments.Of(stream, 4096);
        var reader = new MultipartMjpegReader("frame");
        Assert.True(reader.TryReadPart(ref buffer, out _)); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        var parts = 0;
        long bodies = 0;
        while (reader.TryReadPart(ref buffer, out var part))
        {
            bodies += part.Body.Length + 24; // the array's own header
            parts++;
        }

        var overhead = (GC.GetAllocatedBytesForCurrentThread() - before - bodies) / parts;
        Assert.Equal(49, parts);
        return overhead;
    }

    [Fact]
    public void APartCutShortIsStillInsideAPart()
    {
        var data = Stream(new PartFraming());
        var reader = new MultipartMjpegReader("remote");

        var cut = data.AsSpan().IndexOf(Frames[1]) + (Frames[1].Length / 2);

        var parts = ReadAll(reader, data.AsSpan(0, cut).ToArray(), 1024);

        Assert.Single(parts);
        Assert.True(reader.InsidePart);
    }
}

/// <summary>A byte array as a sequence of fixed-size segments, as a pipe would hand it over.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Of(byte[] data, int size)
    {
        var first = new Segments(data.AsMemory(0, Math.Min(size, data.Length)), 0);
        var last = first;
        for (var at = size; at < data.Length; at += size)
        {
            var next = new Segments(data.AsMemory(at, Math.Min(size, data.Length - at)), at);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
