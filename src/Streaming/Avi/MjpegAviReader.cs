using System.Buffers.Binary;
using System.Text;

namespace Streaming.Avi;

/// <summary>
/// Reads MJPEG AVI files: the clips <see cref="MjpegAviWriter"/> writes and the .avi files of other programs
/// (ffmpeg, OpenCV, cameras; OpenDML files over 1 GB too). Each JPEG comes with its time from the clip's start
/// (empty chunks are the ticks between frames) and is read by offset, so a long file holds one frame at a time.
/// </summary>
internal sealed class MjpegAviReader : IAsyncDisposable, IDisposable
{
    private readonly FileStream _file;

    private MjpegAviReader(FileStream file, AviContent content)
    {
        _file = file;
        Frames = content.Frames;
        VideoCodec = content.Codec;
    }

    /// <summary>The frames in order, with their times from the first one.</summary>
    public IReadOnlyList<ClipFrame> Frames { get; }

    /// <summary>The video stream's FourCC (<c>MJPG</c> for the clips this app writes); null when the file names none.</summary>
    public string? VideoCodec { get; }

    public TimeSpan Duration => Frames.Count == 0 ? TimeSpan.Zero : Frames[^1].At;

    /// <summary>Opens the file and finds its frames (a pass over the chunk headers, on a pool thread).</summary>
    public static Task<MjpegAviReader> OpenAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => Open(path, cancellationToken), cancellationToken);

    /// <summary>Opens the file and finds its frames on the calling thread.</summary>
    /// <exception cref="InvalidDataException">The file is not an AVI.</exception>
    public static MjpegAviReader Open(string path, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return new MjpegAviReader(file, Scan(file, headersOnly: false, cancellationToken));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The FourCC of the video in an AVI file (its headers only), or null for a file that is no AVI or cannot be read.</summary>
    public static string? ReadVideoCodec(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Scan(file, headersOnly: true, CancellationToken.None).Codec;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary><see cref="Read(ClipFrame)"/> on a pool thread, for callers that must not block (a page playing a clip).</summary>
    public Task<byte[]> ReadAsync(ClipFrame frame, CancellationToken cancellationToken) => Task.Run(() => Read(frame), cancellationToken);

    /// <summary>
    /// The frame's bytes, read where they lie in the file (one read, no seek), for a thread that reads frame after
    /// frame. The array is not zeroed first: every byte of it is read.
    /// </summary>
    public byte[] Read(ClipFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var data = GC.AllocateUninitializedArray<byte>(frame.Length);
        Read(frame, data);
        return data;
    }

    /// <summary><see cref="Read(ClipFrame)"/> into the first <see cref="ClipFrame.Length"/> bytes of <paramref name="into"/>.</summary>
    public void Read(ClipFrame frame, Span<byte> into)
    {
        ArgumentNullException.ThrowIfNull(frame);
        for (var read = 0; read < frame.Length;)
        {
            var n = RandomAccess.Read(_file.SafeFileHandle, into[read..frame.Length], frame.Offset + read);
            read += n > 0 ? n : throw new EndOfStreamException($"The file ends inside the frame at offset {frame.Offset}.");
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    public void Dispose() => _file.Dispose();

    /// <summary>Walks the chunks: into every list, over every other chunk; with <paramref name="headersOnly"/> it stops where the frames begin.</summary>
    private static AviContent Scan(FileStream file, bool headersOnly, CancellationToken cancellationToken)
    {
        Span<byte> chunk = stackalloc byte[28];
        file.ReadExactly(chunk[..12]);
        if (!chunk[..4].SequenceEqual("RIFF"u8) || !chunk[8..12].SequenceEqual("AVI "u8))
        {
            throw new InvalidDataException("Not an AVI file.");
        }

        var content = new AviContent();
        var rate = MjpegAviWriter.TicksPerSecond;
        var inVideoStream = false;
        long tick = 0;
        while (file.Length - file.Position >= 8)
        {
            cancellationToken.ThrowIfCancellationRequested();
            file.ReadExactly(chunk[..8]);
            var id = chunk[..4];
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (id.SequenceEqual("LIST"u8) || id.SequenceEqual("RIFF"u8))
            {
                // hdrl, strl and movi, and an OpenDML file's further RIFF AVIX parts.
                file.ReadExactly(chunk[..4]);
                if (headersOnly && chunk[..4].SequenceEqual("movi"u8))
                {
                    break;
                }

                continue;
            }

            var start = file.Position;
            if (id.SequenceEqual("strh"u8) && size >= 28)
            {
                // fccType, fccHandler, ..., dwScale, dwRate: only the video stream's count.
                file.ReadExactly(chunk[..28]);
                inVideoStream = chunk[..4].SequenceEqual("vids"u8);
                if (inVideoStream)
                {
                    content.Codec ??= FourCc(chunk[4..8]);
                    var scale = BinaryPrimitives.ReadInt32LittleEndian(chunk[20..]);
                    rate = scale > 0 ? BinaryPrimitives.ReadInt32LittleEndian(chunk[24..]) / scale : rate;
                }
            }
            else if (id.SequenceEqual("strf"u8) && inVideoStream && size >= 20)
            {
                // BITMAPINFOHEADER's biCompression names the codec where fccHandler may be empty.
                file.ReadExactly(chunk[..20]);
                content.Codec = FourCc(chunk[16..20]) ?? content.Codec;
                inVideoStream = false;
            }
            else if (id[2..].SequenceEqual("dc"u8) || id[2..].SequenceEqual("db"u8))
            {
                if (size > 0)
                {
                    content.Frames.Add(new ClipFrame(TimeSpan.FromSeconds((double)tick / rate), start, (int)size));
                }

                tick++;
            }

            file.Position = start + size + (size % 2);
        }

        return content;
    }

    private static string? FourCc(ReadOnlySpan<byte> code)
    {
        foreach (var c in code)
        {
            if (c is < (byte)' ' or > (byte)'~')
            {
                return null;
            }
        }

        var text = Encoding.ASCII.GetString(code).Trim();
        return text.Length > 0 ? text : null;
    }

    private sealed class AviContent
    {
        public List<ClipFrame> Frames { get; } = [];

        public string? Codec { get; set; }
    }
}

/// <summary>Where one JPEG of a clip is, and its time from the clip's first frame.</summary>
internal sealed record ClipFrame(TimeSpan At, long Offset, int Length);
