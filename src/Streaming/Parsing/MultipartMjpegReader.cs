using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Streaming.Imaging;

namespace Streaming.Parsing;

/// <summary>One part of a multipart/x-mixed-replace stream: its body and the headers a camera needs.</summary>
public readonly record struct MultipartPart(byte[] Body, string ContentType, DateTimeOffset? Timestamp, bool IsPlaceholder)
{
    /// <summary>The part's <c>Content-Length</c>; null when it had none and ended at the next boundary.</summary>
    public long? ContentLength { get; init; }
}

/// <summary>
/// Cuts the parts out of a <c>multipart/x-mixed-replace</c> body read through a pipe, the way
/// <see cref="MjpegFrameSplitter"/> cuts JPEGs out of a raw byte stream: the caller passes what it has, the
/// reader slices off what it consumed and remembers how far it has looked, so each byte is scanned once and
/// nothing is allocated but the part's body. A part's end comes from its <c>Content-Length</c> when given,
/// else from the next boundary; a boundary is found with or without the CRLF that should precede it
/// (ffmpeg's and some cameras' writers leave it out).
/// </summary>
public sealed class MultipartMjpegReader
{
    /// <summary>Bytes allowed before the first boundary (a preamble) or between a part and the next boundary.</summary>
    public const int MaxJunkBytes = 64 * 1024;

    private const int MaxHeaderBytes = 16 * 1024;
    private const string JpegType = "image/jpeg";

    private readonly byte[] _delimiter;
    private readonly byte[] _junkHead = new byte[48];
    private int _junkHeadLength;
    private State _state = State.SeekingBoundary;
    private long _resumeAt;
    private long _junk;
    private long? _length;
    private string _contentType = JpegType;
    private DateTimeOffset? _timestamp;
    private bool _placeholder;

    public MultipartMjpegReader(string boundary, int maxPartBytes = 32 * 1024 * 1024)
    {
        ArgumentException.ThrowIfNullOrEmpty(boundary);
        _delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        MaxPartBytes = maxPartBytes;
    }

    private enum State
    {
        SeekingBoundary,
        Headers,
        Body,
        Ended,
    }

    public int MaxPartBytes { get; }

    /// <summary>True once the closing boundary (<c>--boundary--</c>) was read.</summary>
    public bool Ended => _state == State.Ended;

    /// <summary>True while a part has begun (its boundary was read) but its body is not complete.</summary>
    public bool InsidePart => _state is State.Headers or State.Body;

    /// <summary>
    /// Takes one complete part from the front of <paramref name="buffer"/>, slicing <paramref name="buffer"/> past
    /// everything consumed. Returns false when more data is needed. Throws <see cref="InvalidDataException"/> when
    /// the data is not a multipart stream with this boundary (the message says what came instead).
    /// </summary>
    public bool TryReadPart(ref ReadOnlySequence<byte> buffer, out MultipartPart part)
    {
        if (!TrySlicePart(ref buffer, out var body, out part))
        {
            return false;
        }

        part = part with { Body = FrameBytes.CopyOf(body) };
        return true;
    }

    /// <summary>
    /// <see cref="TryReadPart"/> without copying the body, for a reader that only looks at it (a load client):
    /// <paramref name="body"/> is a slice of <paramref name="buffer"/> as passed in, valid as long as that memory is;
    /// <paramref name="part"/> has the headers and an empty <see cref="MultipartPart.Body"/>.
    /// </summary>
    public bool TrySlicePart(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> body, out MultipartPart part)
    {
        body = default;
        part = default;
        while (true)
        {
            switch (_state)
            {
                case State.SeekingBoundary when !SeekBoundary(ref buffer):
                case State.Headers when !ReadHeaders(ref buffer):
                case State.Ended:
                    return false;
                case State.Body:
                    return ReadBody(ref buffer, out body, out part);
            }
        }
    }

    /// <summary>Skips to just past the next boundary line. Anything before it is junk (a preamble or a CRLF).</summary>
    private bool SeekBoundary(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> _, _delimiter, advancePastDelimiter: false))
        {
            var keep = Math.Min(buffer.Length, _delimiter.Length - 1);
            Skip(ref buffer, buffer.Length - keep, junk: true);
            return false;
        }

        var before = reader.Consumed;
        if (!reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: false))
        {
            if (buffer.Length - before > MaxHeaderBytes)
            {
                throw new InvalidDataException($"A boundary line runs past {MaxHeaderBytes / 1024} KB: {ByteSummary.Describe(buffer.Slice(before))}.");
            }

            Skip(ref buffer, before, junk: true);
            return false;
        }

        var closing = new SequenceReader<byte>(buffer.Slice(before + _delimiter.Length)).IsNext("--"u8);
        Skip(ref buffer, before, junk: true);
        Skip(ref buffer, reader.Consumed - before + 1, junk: false);
        _junk = 0;
        _junkHeadLength = 0;
        if (closing)
        {
            _state = State.Ended;
            return true;
        }

        _state = State.Headers;
        _length = null;
        _contentType = JpegType;
        _timestamp = null;
        _placeholder = false;
        return true;
    }

    private void Skip(ref ReadOnlySequence<byte> buffer, long count, bool junk)
    {
        if (junk && count > 0)
        {
            // Keep the first bytes of the junk, so an error can say what came instead of a boundary.
            if (_junk < _junkHead.Length)
            {
                var take = (int)Math.Min(count, _junkHead.Length - _junk);
                buffer.Slice(0, take).CopyTo(_junkHead.AsSpan((int)_junk));
                _junkHeadLength = (int)_junk + take;
            }

            _junk += count;
            if (_junk > MaxJunkBytes)
            {
                throw new InvalidDataException(
                    $"No '{Encoding.ASCII.GetString(_delimiter)}' boundary in {MaxJunkBytes / 1024} KB; it starts with {ByteSummary.Describe(new ReadOnlySequence<byte>(_junkHead, 0, _junkHeadLength))}.");
            }
        }

        buffer = buffer.Slice(count);
    }

    /// <summary>Reads the header lines up to the empty line. A part that starts right away with a JPEG has none.</summary>
    private bool ReadHeaders(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.IsNext([JpegMarkers.Prefix, JpegMarkers.StartOfImage]))
        {
            StartBody();
            return true;
        }

        while (reader.TryReadTo(out ReadOnlySequence<byte> lineSequence, (byte)'\n'))
        {
            var line = lineSequence.IsSingleSegment ? lineSequence.FirstSpan : lineSequence.ToArray();
            if (line is [.., (byte)'\r'])
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                buffer = buffer.Slice(reader.Position);
                StartBody();
                return true;
            }

            ReadHeader(line);
        }

        if (buffer.Length > MaxHeaderBytes)
        {
            throw new InvalidDataException($"A part's headers run past {MaxHeaderBytes / 1024} KB: {ByteSummary.Describe(buffer)}.");
        }

        return false;
    }

    private void StartBody()
    {
        _state = State.Body;
        _resumeAt = 0;
        if (_length > MaxPartBytes)
        {
            throw new InvalidDataException($"A part of {_length} bytes is larger than the {MaxPartBytes / (1024 * 1024)} MB allowed.");
        }
    }

    private void ReadHeader(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return;
        }

        var name = line[..colon].Trim((byte)' ');
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            _length = Utf8Parser.TryParse(value, out long length, out var used) && used == value.Length && length >= 0
                ? length
                : throw new InvalidDataException($"A part's Content-Length is not a number: {ByteSummary.Describe(new ReadOnlySequence<byte>(value.ToArray()))}.");
        }
        else if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8))
        {
            _contentType = Ascii.EqualsIgnoreCase(value, "image/jpeg"u8) ? JpegType : Encoding.ASCII.GetString(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "X-Timestamp"u8))
        {
            _timestamp = ParseUnixTimestamp(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "X-Placeholder"u8))
        {
            _placeholder = value.SequenceEqual("1"u8);
        }
    }

    /// <summary>Reads an <c>X-Timestamp</c> value (Unix seconds with a fraction, as this app writes them); null when it is not one.</summary>
    public static DateTimeOffset? ParseUnixTimestamp(ReadOnlySpan<byte> value) =>
        Utf8Parser.TryParse(value, out double seconds, out var used) && used == value.Length
        && seconds is > 0 and < 253402300799 // before year 10000
            ? DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : null;

    private bool ReadBody(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> body, out MultipartPart part)
    {
        body = default;
        part = default;
        long end;
        if (_length is { } length)
        {
            if (buffer.Length < length)
            {
                return false;
            }

            end = length;
        }
        else
        {
            // No length: the body ends where the next boundary starts, less the CRLF that should precede it.
            var reader = new SequenceReader<byte>(buffer);
            reader.Advance(_resumeAt);
            if (!reader.TryReadTo(out ReadOnlySequence<byte> _, _delimiter, advancePastDelimiter: false))
            {
                _resumeAt = Math.Max(0, buffer.Length - (_delimiter.Length - 1));
                if (_resumeAt > MaxPartBytes)
                {
                    throw new InvalidDataException($"A part runs past the {MaxPartBytes / (1024 * 1024)} MB allowed without a boundary.");
                }

                return false;
            }

            end = reader.Consumed;
            if (end > 0 && buffer.Slice(end - 1, 1).FirstSpan[0] == '\n')
            {
                end -= end > 1 && buffer.Slice(end - 2, 1).FirstSpan[0] == '\r' ? 2 : 1;
            }
        }

        body = buffer.Slice(0, end);
        part = new MultipartPart([], _contentType, _timestamp, _placeholder) { ContentLength = _length };
        buffer = buffer.Slice(end);
        _state = State.SeekingBoundary;
        _resumeAt = 0;
        return true;
    }
}
