using System.Buffers;
using System.Text;
using Streaming.Imaging;

namespace Streaming.Parsing;

/// <summary>
/// The pictures in the body of a remote MJPEG stream: multipart parts (the boundary from the Content-Type, or else
/// from the body's first line) or bare JPEGs one after another, told apart by the first bytes. "No signal" cards and
/// repeats of a frame another dashboard already sent (the same <c>X-Timestamp</c>) are skipped. Throws
/// <see cref="InvalidDataException"/> (its message says what came instead) for a body that is neither.
/// </summary>
internal sealed class MjpegBodyReader(string? boundary)
{
    private MultipartMjpegReader? _parts = string.IsNullOrWhiteSpace(boundary) ? null : new MultipartMjpegReader(boundary);
    private MjpegFrameSplitter? _raw;
    private DateTimeOffset? _lastTimestamp;
    private bool _pictureFound; // bare JPEGs: junk is an error only before the first one

    /// <summary>True while a multipart part has begun but its body is not complete.</summary>
    public bool InsidePart => _parts is { InsidePart: true };

    /// <summary>True once the closing boundary was read.</summary>
    public bool Ended => _parts is { Ended: true };

    /// <summary>
    /// Takes the next picture from the front of <paramref name="buffer"/>, sliced past everything consumed;
    /// <paramref name="jpeg"/> is a slice of the buffer as passed in, valid as long as that memory is. False when more
    /// data is needed (<paramref name="complete"/>: no more will come).
    /// </summary>
    public bool TryTake(ref ReadOnlySequence<byte> buffer, bool complete, out ReadOnlySequence<byte> jpeg, out DateTimeOffset? timestamp)
    {
        jpeg = default;
        timestamp = null;
        if (_parts is null && _raw is null && !Recognise(buffer, complete))
        {
            return false;
        }

        if (_raw is not null)
        {
            if (_raw.TrySliceFrame(ref buffer, out jpeg))
            {
                _pictureFound = true;
                return true;
            }

            // Bytes between frames later on are dropped quietly (as for a Command camera); only a start without any is an error.
            return !_pictureFound && _raw.DiscardedBytes > MultipartMjpegReader.MaxJunkBytes
                ? throw new InvalidDataException($"no JPEG in the first {MultipartMjpegReader.MaxJunkBytes / 1024} KB.")
                : false;
        }

        while (_parts!.TrySlicePart(ref buffer, out var body, out var part))
        {
            if (part.IsPlaceholder || (part.Timestamp is { } stamp && stamp == _lastTimestamp))
            {
                continue;
            }

            if (!StartsImage(body))
            {
                throw new InvalidDataException($"a part of type {part.ContentType} is not a JPEG: {ByteSummary.Describe(body.Slice(0, Math.Min(body.Length, 64)))}.");
            }

            _lastTimestamp = part.Timestamp;
            (jpeg, timestamp) = (body, part.Timestamp);
            return true;
        }

        return false;
    }

    private static bool StartsImage(in ReadOnlySequence<byte> body)
    {
        Span<byte> start = stackalloc byte[3];
        if (body.Length < start.Length)
        {
            return false;
        }

        body.Slice(0, start.Length).CopyTo(start);
        return JpegMarkers.StartsImage(start);
    }

    /// <summary>
    /// Decides from the first bytes what an untyped body is: multipart (its first line names the boundary) or
    /// bare JPEGs one after another. False while there are too few bytes to tell.
    /// </summary>
    private bool Recognise(ReadOnlySequence<byte> buffer, bool complete)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.IsNext("--"u8))
        {
            if (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                var named = Encoding.ASCII.GetString(line.Slice(2)).Trim();
                if (named.Length is > 0 and <= 70)
                {
                    _parts = new MultipartMjpegReader(named);
                    return true;
                }
            }
            else if (buffer.Length < 256 && !complete)
            {
                return false;
            }
        }
        else if (reader.IsNext([JpegMarkers.Prefix, JpegMarkers.StartOfImage, JpegMarkers.Prefix]))
        {
            _raw = new MjpegFrameSplitter();
            return true;
        }
        else if (buffer.Length < 3 && !complete)
        {
            return false;
        }

        throw new InvalidDataException($"it starts with {ByteSummary.Describe(buffer)}.");
    }
}
