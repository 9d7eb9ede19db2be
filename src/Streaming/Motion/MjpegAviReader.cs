using System.Buffers.Binary;
using System.Text;

namespace Streaming.Motion;

/// <summary>
/// Reads the clips <see cref="MjpegAviWriter"/> writes: each JPEG with its time from the clip's start (empty
/// chunks are the ticks between frames), read by offset so playing a long clip holds one frame at a time.
/// </summary>
internal sealed class MjpegAviReader : IAsyncDisposable
{
    private readonly FileStream _file;

    private MjpegAviReader(FileStream file, IReadOnlyList<ClipFrame> frames)
    {
        _file = file;
        Frames = frames;
    }

    /// <summary>The frames in order, with their times from the first one.</summary>
    public IReadOnlyList<ClipFrame> Frames { get; }

    public TimeSpan Duration => Frames.Count == 0 ? TimeSpan.Zero : Frames[^1].At;

    public static async Task<MjpegAviReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        try
        {
            return new MjpegAviReader(file, await ScanAsync(file, cancellationToken));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async Task<byte[]> ReadAsync(ClipFrame frame, CancellationToken cancellationToken)
    {
        var data = new byte[frame.Length];
        _file.Position = frame.Offset;
        await _file.ReadExactlyAsync(data, cancellationToken);
        return data;
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private static async Task<List<ClipFrame>> ScanAsync(FileStream file, CancellationToken cancellationToken)
    {
        var header = new byte[12];
        await file.ReadExactlyAsync(header, cancellationToken);
        if (Encoding.ASCII.GetString(header, 0, 4) != "RIFF" || Encoding.ASCII.GetString(header, 8, 4) != "AVI ")
        {
            throw new InvalidDataException("Not an AVI file.");
        }

        var frames = new List<ClipFrame>();
        var rate = MjpegAviWriter.TicksPerSecond;
        var chunk = new byte[12];
        long tick = 0;
        while (file.Length - file.Position >= 8)
        {
            await file.ReadExactlyAsync(chunk.AsMemory(0, 8), cancellationToken);
            var id = Encoding.ASCII.GetString(chunk, 0, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (id == "LIST")
            {
                file.Position += 4; // descend into hdrl, strl and movi
                continue;
            }

            var start = file.Position;
            if (id == "strh" && size >= 28)
            {
                file.Position = start + 20; // dwScale, dwRate
                await file.ReadExactlyAsync(chunk.AsMemory(0, 8), cancellationToken);
                var scale = BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(0));
                rate = scale > 0 ? BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(4)) / scale : rate;
            }
            else if (id.EndsWith("dc", StringComparison.Ordinal) || id.EndsWith("db", StringComparison.Ordinal))
            {
                if (size > 0)
                {
                    frames.Add(new ClipFrame(TimeSpan.FromSeconds((double)tick / rate), start, (int)size));
                }

                tick++;
            }

            file.Position = start + size + (size % 2);
        }

        return frames;
    }
}

/// <summary>Where one JPEG of a clip is, and its time from the clip's first frame.</summary>
internal sealed record ClipFrame(TimeSpan At, long Offset, int Length);
