using System.Buffers;

namespace Streaming.Parsing;

/// <summary>
/// The unconsumed bytes of a stream (a program's stdout, an HTTP body) in one pooled buffer, for the splitters
/// (<see cref="MjpegFrameSplitter"/>, <see cref="MultipartMjpegReader"/>): they take what they can from
/// <see cref="Buffer"/>, the caller hands back what is left (<see cref="Consume"/>) and fills more. Reads go
/// straight into the buffer, blocking (<see cref="Fill"/>, for a capture thread) or not (<see cref="FillAsync"/>);
/// the buffer grows only while a single frame is larger than it, so reading costs no allocation per frame.
/// </summary>
public sealed class StreamWindow(Stream stream, int initialBytes = 256 * 1024) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialBytes);
    private int _start;
    private int _end;

    /// <summary>The bytes read and not yet consumed.</summary>
    public ReadOnlySequence<byte> Buffer => new(_buffer, _start, _end - _start);

    /// <summary>Drops everything before <paramref name="rest"/>, a slice of <see cref="Buffer"/> that runs to its end.</summary>
    public void Consume(ReadOnlySequence<byte> rest) => _start = _end - checked((int)rest.Length);

    /// <summary>Blocks until more bytes were read; false at the end of the stream.</summary>
    public bool Fill()
    {
        var read = stream.Read(MakeRoom());
        _end += read;
        return read > 0;
    }

    /// <summary>Waits until more bytes were read; false at the end of the stream.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        var read = await stream.ReadAsync(MakeRoom().AsMemory(), cancellationToken);
        _end += read;
        return read > 0;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Free space after the data: the data moves to the front once it has passed the middle, and the buffer doubles when full.</summary>
    private ArraySegment<byte> MakeRoom()
    {
        if (_start > 0 && (_start >= _buffer.Length / 2 || _end == _buffer.Length))
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            (_start, _end) = (0, _end - _start);
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return new ArraySegment<byte>(_buffer, _end, _buffer.Length - _end);
    }
}
