using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace StreamingBench;

/// <summary>
/// The body of an HTTP/1.1 response on a raw socket, as a stream for the shared MJPEG reader (<c>MjpegFeed</c>):
/// <see cref="ReadHeadAsync"/> reads the status line and headers, then every read receives straight into the
/// reader's buffer. A chunked body is de-chunked without copying it: a receive stops a few bytes past the current
/// chunk's end, and those bytes (the next chunk's size line, perhaps the start of its data) are kept aside and handed
/// out first. The app and the floor write one chunk per part, so a part costs the receives it did before. A slow
/// client's receives wait for its pacer.
/// </summary>
internal sealed class ResponseBodyStream(Socket socket, int maxReceive, ReadPacer? pacer) : Stream
{
    private const int MaxHeadBytes = 16 * 1024;

    /// <summary>Room past a chunk's end for the CRLF and the next size line ("\r\n" + up to 8 hex digits + "\r\n").</summary>
    private const int FramingBytes = 12;

    private readonly byte[] _aside = new byte[MaxHeadBytes];
    private int _asideStart;
    private int _asideEnd;
    private bool _chunked;
    private bool _firstChunk = true;
    private long _chunkLeft;
    private long _received;

    /// <summary>The status code once the head has arrived (0 before).</summary>
    public int StatusCode { get; private set; }

    public string StatusLine { get; private set; } = "";

    /// <summary>The last chunk (size 0) arrived: the server ended the response.</summary>
    public bool Ended { get; private set; }

    /// <summary>Bytes received from the socket, head and chunk framing included.</summary>
    public long BytesReceived => Interlocked.Read(ref _received);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Reads the status line and headers; what came after them stays aside for the body.</summary>
    public async Task ReadHeadAsync(CancellationToken cancellationToken)
    {
        int end;
        while ((end = Aside.IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_asideEnd == _aside.Length)
            {
                throw new InvalidDataException("Response head longer than 16 KB.");
            }

            await ReceiveAsideAsync(cancellationToken);
        }

        var lines = Encoding.ASCII.GetString(_aside, _asideStart, end).Split("\r\n");
        StatusLine = lines[0];
        var parts = StatusLine.Split(' ', 3);
        StatusCode = parts.Length >= 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var code) ? code : -1;
        _chunked = lines.Skip(1).Any(line =>
            line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && line.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        _asideStart += end + 4;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // called for every receive
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Ended || buffer.IsEmpty)
        {
            return 0;
        }

        if (!_chunked)
        {
            return _asideEnd > _asideStart ? TakeAside(buffer.Span, buffer.Length) : await ReceiveAsync(buffer[..Math.Min(buffer.Length, maxReceive)], cancellationToken);
        }

        while (_chunkLeft == 0)
        {
            await ReadChunkSizeAsync(cancellationToken);
            if (Ended)
            {
                return 0;
            }
        }

        if (_asideEnd > _asideStart)
        {
            var taken = TakeAside(buffer.Span, (int)Math.Min(buffer.Length, _chunkLeft));
            _chunkLeft -= taken;
            return taken;
        }

        var want = (int)Math.Min(Math.Min(buffer.Length, maxReceive), _chunkLeft + FramingBytes);
        var read = await ReceiveAsync(buffer[..want], cancellationToken);
        if (read == 0)
        {
            return 0;
        }

        var data = (int)Math.Min(read, _chunkLeft);
        if (read > data)
        {
            // Past the chunk's end: the next size line, kept aside (a few bytes; the aside buffer is empty here).
            buffer.Span[data..read].CopyTo(_aside);
            (_asideStart, _asideEnd) = (0, read - data);
        }

        _chunkLeft -= data;
        return data;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private ReadOnlySpan<byte> Aside => _aside.AsSpan(_asideStart, _asideEnd - _asideStart);

    /// <summary>Reads "[CRLF]size[;ext]CRLF" (the CRLF ends the previous chunk's data) from the aside bytes, receiving more as needed.</summary>
    private async Task ReadChunkSizeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var framing = Aside;
            var skip = _firstChunk ? 0 : 2;
            var lineEnd = framing.Length > skip ? framing[skip..].IndexOf("\r\n"u8) : -1;
            if (lineEnd >= 0)
            {
                if (!_firstChunk && !framing.StartsWith("\r\n"u8))
                {
                    throw new InvalidDataException($"Broken chunked encoding: 0x{framing[0]:X2} after a chunk's data.");
                }

                var size = framing.Slice(skip, lineEnd);
                var semicolon = size.IndexOf((byte)';');
                var hex = Encoding.ASCII.GetString(semicolon >= 0 ? size[..semicolon] : size);
                _chunkLeft = long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var length)
                    ? length
                    : throw new InvalidDataException($"Broken chunked encoding: size line '{hex}'.");
                _asideStart += skip + lineEnd + 2;
                _firstChunk = false;
                Ended = _chunkLeft == 0;
                return;
            }

            if (_asideStart > 0)
            {
                Aside.CopyTo(_aside);
                (_asideStart, _asideEnd) = (0, _asideEnd - _asideStart);
            }

            if (_asideEnd >= 64 || !await ReceiveAsideAsync(cancellationToken))
            {
                throw new InvalidDataException(_asideEnd >= 64 ? "Broken chunked encoding: no size line." : "The server closed the connection inside the chunk framing.");
            }
        }
    }

    private int TakeAside(Span<byte> destination, int most)
    {
        var count = Math.Min(most, _asideEnd - _asideStart);
        _aside.AsSpan(_asideStart, count).CopyTo(destination);
        _asideStart += count;
        return count;
    }

    /// <summary>Receives into the free end of the aside buffer (the head, a size line).</summary>
    private async Task<bool> ReceiveAsideAsync(CancellationToken cancellationToken)
    {
        var read = await ReceiveAsync(_aside.AsMemory(_asideEnd, Math.Min(_aside.Length - _asideEnd, maxReceive)), cancellationToken);
        _asideEnd += read;
        return read > 0;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (pacer is not null)
        {
            await pacer.WaitAsync(cancellationToken);
        }

        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        pacer?.Consumed(read);
        Interlocked.Add(ref _received, read);
        return read;
    }
}
