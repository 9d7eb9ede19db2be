using System.Buffers.Binary;
using System.Text;

namespace Streaming.Avi;

/// <summary>
/// Writes JPEG frames into an MJPEG AVI (RIFF, one video stream, an idx1 index) byte for byte: no decode, no
/// encode, and VLC, ffmpeg and browsers' download folders all know the format. AVI has a fixed frame rate, so
/// the stream runs at <see cref="TicksPerSecond"/> and the ticks between two frames are empty chunks (players
/// hold the previous picture, ffmpeg counts them as skipped frames): each frame plays at its capture time,
/// within 5 ms. Sizes are 32-bit: a clip stops taking frames before 1 GiB.
/// </summary>
internal sealed class MjpegAviWriter : IAsyncDisposable
{
    public const int TicksPerSecond = 100;
    public const long MaxBytes = 1L << 30;

    private const int HeaderBytes = 224;
    private const int MoviListOffset = 212; // where the 'LIST' of 'movi' starts
    private static readonly byte[] FrameChunk = "00dc"u8.ToArray();
    private static readonly byte[] Pad = [0];

    private readonly FileStream _file;
    private readonly List<(uint Offset, uint Length)> _index = [];
    private readonly byte[] _chunkHeader = new byte[8];
    private readonly DateTimeOffset _first;
    private long _position = HeaderBytes;
    private long _lastTick = -1;
    private int _largest;
    private bool _finished;

    private MjpegAviWriter(FileStream file, int width, int height, DateTimeOffset first)
    {
        _file = file;
        Width = width;
        Height = height;
        _first = first;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>JPEG frames written (the empty ticks between them not counted).</summary>
    public int Frames { get; private set; }

    public long Length => _position;

    /// <summary>Creates the file (its header is completed by <see cref="FinishAsync"/>); times count from <paramref name="first"/>.</summary>
    public static async Task<MjpegAviWriter> CreateAsync(string path, int width, int height, DateTimeOffset first, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024, useAsync: true);
        var writer = new MjpegAviWriter(file, width, height, first);
        await file.WriteAsync(writer.Header(), cancellationToken);
        return writer;
    }

    /// <summary>Appends one JPEG at its capture time; false when the clip is full (the frame was not written).</summary>
    public async ValueTask<bool> WriteAsync(ReadOnlyMemory<byte> jpeg, DateTimeOffset capturedAt, CancellationToken cancellationToken)
    {
        var tick = Math.Max(_lastTick + 1, (long)Math.Round((capturedAt - _first).TotalSeconds * TicksPerSecond));
        var gap = (int)Math.Min(tick - _lastTick - 1, TicksPerSecond * 60);
        if (_position + (gap * 24L) + jpeg.Length + 32 > MaxBytes)
        {
            return false;
        }

        for (var i = 0; i < gap; i++)
        {
            await WriteChunkAsync(ReadOnlyMemory<byte>.Empty, cancellationToken);
        }

        await WriteChunkAsync(jpeg, cancellationToken);
        _lastTick = tick;
        _largest = Math.Max(_largest, jpeg.Length);
        Frames++;
        return true;
    }

    /// <summary>Writes the index and the sizes; the file is then complete.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        var moviEnd = _position;
        var index = new byte[8 + (16 * _index.Count)];
        Encoding.ASCII.GetBytes("idx1", index);
        BinaryPrimitives.WriteUInt32LittleEndian(index.AsSpan(4), (uint)(16 * _index.Count));
        for (var i = 0; i < _index.Count; i++)
        {
            var entry = index.AsSpan(8 + (16 * i));
            FrameChunk.CopyTo(entry);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], _index[i].Length > 0 ? 0x10u : 0u); // AVIIF_KEYFRAME
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], _index[i].Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], _index[i].Length);
        }

        await _file.WriteAsync(index, cancellationToken);
        _position += index.Length;
        var header = Header();
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(_position - 8));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(MoviListOffset + 4), (uint)(moviEnd - MoviListOffset - 8));
        _file.Position = 0;
        await _file.WriteAsync(header, cancellationToken);
        await _file.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private async ValueTask WriteChunkAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        // Index offsets count from the 'movi' fourcc, as the AVI spec has it.
        _index.Add(((uint)(_position - (MoviListOffset + 8)), (uint)data.Length));
        FrameChunk.CopyTo(_chunkHeader, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(_chunkHeader.AsSpan(4), (uint)data.Length);
        await _file.WriteAsync(_chunkHeader, cancellationToken);
        await _file.WriteAsync(data, cancellationToken);
        _position += 8 + data.Length;
        if (data.Length % 2 == 1)
        {
            await _file.WriteAsync(Pad, cancellationToken); // RIFF chunks are word-aligned
            _position++;
        }
    }

    /// <summary>RIFF header, hdrl (avih, strl with strh and strf) and the opening of the movi list.</summary>
    private byte[] Header()
    {
        var h = new byte[HeaderBytes];
        var ticks = (uint)_index.Count;
        Put(0, "RIFF"); Put(8, "AVI ");
        Put(12, "LIST"); U32(16, 192); Put(20, "hdrl");
        Put(24, "avih"); U32(28, 56);
        U32(32, 1_000_000 / TicksPerSecond);            // microseconds per frame (tick)
        U32(44, 0x10);                                  // AVIF_HASINDEX
        U32(48, ticks);                                 // total frames
        U32(56, 1);                                     // streams
        U32(60, (uint)_largest + 8);                    // suggested buffer
        U32(64, (uint)Width); U32(68, (uint)Height);
        Put(88, "LIST"); U32(92, 116); Put(96, "strl");
        Put(100, "strh"); U32(104, 56);
        Put(108, "vids"); Put(112, "MJPG");
        U32(128, 1); U32(132, TicksPerSecond);          // scale, rate
        U32(140, ticks);                                // length
        U32(144, (uint)_largest + 8);
        U32(148, uint.MaxValue);                        // quality: default
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(160), (short)Width);
        BinaryPrimitives.WriteInt16LittleEndian(h.AsSpan(162), (short)Height);
        Put(164, "strf"); U32(168, 40);
        U32(172, 40); U32(176, (uint)Width); U32(180, (uint)Height);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(184), 1); BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(186), 24);
        Put(188, "MJPG"); U32(192, (uint)(Width * Height * 3));
        Put(MoviListOffset, "LIST"); Put(MoviListOffset + 8, "movi");
        return h;

        void Put(int at, string fourcc) => Encoding.ASCII.GetBytes(fourcc, h.AsSpan(at));
        void U32(int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(at), value);
    }
}
