using System.Text;

namespace StreamingBench;

/// <summary>
/// Incremental parser of an HTTP/1.1 response: status line and headers, then the body, de-chunked
/// when Kestrel sends it with Transfer-Encoding: chunked, handed on to <paramref name="body"/>.
/// </summary>
internal sealed class HttpResponseParser(MultipartParser body)
{
    private const int MaxHeadLength = 16 * 1024;

    private readonly byte[] _head = new byte[MaxHeadLength];
    private int _headLength;
    private State _state = State.Head;
    private long _chunkRemaining;

    private enum State
    {
        Head,
        ChunkSize,
        ChunkExtension,
        ChunkData,
        ChunkDataCr,
        ChunkDataLf,
        Identity,
        Ended,
    }

    /// <summary>The status code once the head has arrived (0 before).</summary>
    public int StatusCode { get; private set; }

    public string StatusLine { get; private set; } = "";

    /// <summary>The last chunk (size 0) arrived: the server ended the response.</summary>
    public bool Ended => _state == State.Ended;

    /// <summary>Consumes received bytes; throws <see cref="InvalidDataException"/> on a broken response.</summary>
    public void Feed(ReadOnlySpan<byte> data, long nowMicros)
    {
        while (!data.IsEmpty && _state != State.Ended)
        {
            if (_state == State.Head)
            {
                data = ReadHead(data);
                if (StatusCode is not 0 and not 200)
                {
                    return;
                }
            }
            else if (_state == State.Identity)
            {
                body.Feed(data, nowMicros);
                return;
            }
            else if (_state == State.ChunkData)
            {
                var take = (int)Math.Min(data.Length, _chunkRemaining);
                body.Feed(data[..take], nowMicros);
                _chunkRemaining -= take;
                _state = _chunkRemaining == 0 ? State.ChunkDataCr : State.ChunkData;
                data = data[take..];
            }
            else
            {
                ReadChunkFraming(data[0]);
                data = data[1..];
            }
        }
    }

    private ReadOnlySpan<byte> ReadHead(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (_headLength == MaxHeadLength)
            {
                throw new InvalidDataException("Response head longer than 16 KB.");
            }

            _head[_headLength++] = data[i];
            if (_headLength >= 4 && _head.AsSpan(_headLength - 4, 4).SequenceEqual("\r\n\r\n"u8))
            {
                ParseHead(Encoding.ASCII.GetString(_head, 0, _headLength));
                return data[(i + 1)..];
            }
        }

        return [];
    }

    private void ParseHead(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        StatusLine = lines[0];
        var parts = StatusLine.Split(' ', 3);
        StatusCode = parts.Length >= 2 && int.TryParse(parts[1], out var code) ? code : -1;
        var chunked = lines.Skip(1).Any(line =>
            line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)
            && line.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        _state = chunked ? State.ChunkSize : State.Identity;
    }

    /// <summary>One byte of a chunk-size line ("1a2b;ext\r\n") or of the CRLF after chunk data.</summary>
    private void ReadChunkFraming(byte b)
    {
        switch (_state)
        {
            case State.ChunkSize when HexValue(b) is >= 0 and var digit:
                _chunkRemaining = checked(_chunkRemaining * 16 + digit);
                break;
            case State.ChunkSize when b == ';':
                _state = State.ChunkExtension;
                break;
            case State.ChunkSize or State.ChunkExtension when b == '\n':
                _state = _chunkRemaining == 0 ? State.Ended : State.ChunkData;
                break;
            case State.ChunkSize when b == '\r':
            case State.ChunkExtension:
                break;
            case State.ChunkDataCr when b == '\r':
                _state = State.ChunkDataLf;
                break;
            case State.ChunkDataLf when b == '\n':
                _state = State.ChunkSize;
                break;
            default:
                throw new InvalidDataException($"Broken chunked encoding: byte 0x{b:X2} in state {_state}.");
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
