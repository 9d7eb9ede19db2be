using System.Buffers;
using Streaming.Parsing;

namespace Streaming.Tests.Parsing;

public sealed class MjpegFrameSplitterTests
{
    private static readonly byte[][] Frames = [TestImages.Jpeg(shade: 10), TestImages.Jpeg(80, 60, 90), TestImages.Jpeg(shade: 200)];

    /// <summary>Feeds the stream in pieces of the given size, the way a pipe reader would hand it over.</summary>
    private static List<byte[]> Split(byte[] stream, int chunk, MjpegFrameSplitter? splitter = null)
    {
        splitter ??= new MjpegFrameSplitter();
        var found = new List<byte[]>();
        var pending = Array.Empty<byte>();
        for (var at = 0; at < stream.Length; at += chunk)
        {
            var piece = stream.AsSpan(at, Math.Min(chunk, stream.Length - at));
            pending = [.. pending, .. piece];
            var buffer = new ReadOnlySequence<byte>(pending);
            while (splitter.TryReadFrame(ref buffer, out var frame))
            {
                found.Add(frame);
            }

            pending = buffer.ToArray();
        }

        return found;
    }

    [Fact]
    public void FindsEveryFrameWhateverTheReadBoundaries()
    {
        byte[] stream = [.. Frames[0], .. Frames[1], .. Frames[2]];

        foreach (var chunk in new[] { 1, 2, 3, 7, 64, 1000, stream.Length })
        {
            var found = Split(stream, chunk);
            Assert.Equal(Frames, found);
        }
    }

    [Fact]
    public void SkipsGarbageBetweenFrames()
    {
        byte[] noise = [0x00, 0xFF, 0xD8, 0x13, 0xFF, 0xFF, 0x42, 0xD9, 0xFF];
        byte[] stream = [.. noise, .. Frames[0], .. "--boundary\r\nContent-Type: image/jpeg\r\n\r\n"u8, .. Frames[1], .. noise, .. Frames[2], .. noise];
        var splitter = new MjpegFrameSplitter();

        var found = Split(stream, 5, splitter);

        Assert.Equal(Frames, found);
        Assert.True(splitter.DiscardedBytes > 0);
    }

    [Fact]
    public void DropsAFrameCutShortByTheNextOne()
    {
        var truncated = Frames[0][..(Frames[0].Length - 20)];
        byte[] stream = [.. truncated, .. Frames[1], .. Frames[2]];

        Assert.Equal(Frames[1..], Split(stream, 11));
    }

    [Fact]
    public void EmbeddedThumbnailDoesNotEndTheFrameEarly()
    {
        // An APP1 segment carrying a whole JPEG (as EXIF thumbnails do), inserted right after SOI.
        var thumbnail = Frames[0];
        var length = thumbnail.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. thumbnail];
        byte[] withThumbnail = [.. Frames[1][..2], .. app1, .. Frames[1][2..]];
        byte[] stream = [.. withThumbnail, .. Frames[2]];

        Assert.Equal([withThumbnail, Frames[2]], Split(stream, 9));
    }

    [Fact]
    public void KeepsAnUnfinishedFrameUntilTheRestArrives()
    {
        var splitter = new MjpegFrameSplitter();
        var half = Frames[0].Length / 2;
        var buffer = new ReadOnlySequence<byte>(Frames[0][..half]);

        Assert.False(splitter.TryReadFrame(ref buffer, out _));
        Assert.Equal(half, buffer.Length);

        buffer = new ReadOnlySequence<byte>(Frames[0]);
        Assert.True(splitter.TryReadFrame(ref buffer, out var frame));
        Assert.Equal(Frames[0], frame);
        Assert.Equal(0, buffer.Length);
    }
}
