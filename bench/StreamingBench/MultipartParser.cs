using System.Buffers.Text;
using System.Text;

namespace StreamingBench;

/// <summary>
/// Incremental parser of the app's multipart/x-mixed-replace body (boundary "frame"): part headers,
/// then Content-Length bytes of JPEG that are skipped, not copied (only the SOI/EOI markers are checked).
/// </summary>
internal sealed class MultipartParser(PartLog log)
{
    private const int MaxHeaderLine = 256;
    private static readonly byte[] Opening = "--frame\r\n"u8.ToArray();
    private static readonly byte[] Separator = "\r\n--frame\r\n"u8.ToArray();

    private readonly byte[] _line = new byte[MaxHeaderLine];
    private State _state = State.Boundary;
    private byte[] _boundary = Opening;
    private bool _resynchronizing;
    private int _matched;
    private int _lineLength;
    private int _contentLength = -1;
    private long _capturedMicros = -1;
    private int _bodyOffset;
    private bool _bodyValid;

    private enum State
    {
        Boundary,
        Headers,
        Body,
    }

    /// <summary>Consumes the next bytes of the body; <paramref name="nowMicros"/> is when they arrived.</summary>
    public void Feed(ReadOnlySpan<byte> data, long nowMicros)
    {
        while (!data.IsEmpty)
        {
            data = _state switch
            {
                State.Boundary => MatchBoundary(data),
                State.Headers => ReadHeaders(data),
                _ => SkipBody(data, nowMicros),
            };
        }
    }

    private ReadOnlySpan<byte> MatchBoundary(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length && _matched < _boundary.Length)
        {
            if (data[i] == _boundary[_matched])
            {
                _matched++;
                i++;
                continue;
            }

            // The framing broke: count it once, then look for the next "--frame\r\n".
            if (!_resynchronizing)
            {
                log.Errors++;
                _resynchronizing = true;
            }

            _boundary = Opening;
            i += _matched == 0 ? 1 : 0;
            _matched = 0;
        }

        if (_matched == _boundary.Length)
        {
            _state = State.Headers;
            _resynchronizing = false;
            _matched = 0;
            _lineLength = 0;
            _contentLength = -1;
            _capturedMicros = -1;
        }

        return data[i..];
    }

    private ReadOnlySpan<byte> ReadHeaders(ReadOnlySpan<byte> data)
    {
        var newline = data.IndexOf((byte)'\n');
        var piece = newline < 0 ? data : data[..newline];
        var room = Math.Min(piece.Length, MaxHeaderLine - _lineLength);
        piece[..room].CopyTo(_line.AsSpan(_lineLength));
        _lineLength += room;
        if (newline < 0)
        {
            return [];
        }

        var line = _line.AsSpan(0, _lineLength).TrimEnd((byte)'\r');
        _lineLength = 0;
        if (!line.IsEmpty)
        {
            ReadHeader(line);
        }
        else if (_contentLength < 0)
        {
            log.Errors++;
            _resynchronizing = true;
            _boundary = Opening;
            _state = State.Boundary;
        }
        else
        {
            _state = State.Body;
            _bodyOffset = 0;
            _bodyValid = _contentLength >= 4;
        }

        return data[(newline + 1)..];
    }

    private void ReadHeader(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return;
        }

        var name = line[..colon];
        var value = line[(colon + 1)..].Trim((byte)' ');
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            _contentLength = Utf8Parser.TryParse(value, out int length, out var used) && used == value.Length ? length : -1;
        }
        else if (Ascii.EqualsIgnoreCase(name, "X-Timestamp"u8))
        {
            _capturedMicros = TryParseUnixMicros(value, out var micros) ? micros : -1;
        }
    }

    private ReadOnlySpan<byte> SkipBody(ReadOnlySpan<byte> data, long nowMicros)
    {
        var take = Math.Min(data.Length, _contentLength - _bodyOffset);
        Check(data, take, 0, 0xFF);
        Check(data, take, 1, 0xD8);
        Check(data, take, _contentLength - 2, 0xFF);
        Check(data, take, _contentLength - 1, 0xD9);
        _bodyOffset += take;
        if (_bodyOffset == _contentLength)
        {
            if (_bodyValid && _capturedMicros >= 0)
            {
                log.Add(nowMicros, _capturedMicros);
            }
            else
            {
                log.Errors++;
            }

            _state = State.Boundary;
            _boundary = Separator;
        }

        return data[take..];
    }

    /// <summary>Checks the body byte at <paramref name="offset"/> if it lies in this piece.</summary>
    private void Check(ReadOnlySpan<byte> data, int take, int offset, byte expected)
    {
        var index = offset - _bodyOffset;
        if (index >= 0 && index < take && data[index] != expected)
        {
            _bodyValid = false;
        }
    }

    /// <summary>Parses "1732881234.123456" (Unix seconds, up to 6 decimals) without allocating.</summary>
    internal static bool TryParseUnixMicros(ReadOnlySpan<byte> text, out long micros)
    {
        long seconds = 0, fraction = 0;
        int fractionDigits = 0;
        bool dot = false, any = false;
        foreach (var b in text)
        {
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                any = true;
                if (!dot)
                {
                    seconds = seconds * 10 + (b - '0');
                }
                else if (fractionDigits < 6)
                {
                    fraction = fraction * 10 + (b - '0');
                    fractionDigits++;
                }
            }
            else if (b == '.' && !dot)
            {
                dot = true;
            }
            else
            {
                micros = 0;
                return false;
            }
        }

        for (; fractionDigits < 6; fractionDigits++)
        {
            fraction *= 10;
        }

        micros = seconds * 1_000_000 + fraction;
        return any;
    }
}
