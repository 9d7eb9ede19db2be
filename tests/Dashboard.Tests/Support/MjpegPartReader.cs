using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Dashboard.Tests.Support;

/// <summary>One part of a standard MJPEG stream, with the moment its last byte arrived (stopwatch and wall clock).</summary>
internal sealed record MjpegPart(byte[] Jpeg, string Headers, long ArrivedAt, DateTimeOffset ArrivedAtUtc)
{
    /// <summary>How old the frame was when it arrived: arrival minus its <c>X-Timestamp</c> (same machine, same clock).</summary>
    public TimeSpan Age
    {
        get
        {
            var line = Headers.Split("\r\n").Single(h => h.StartsWith("X-Timestamp:", StringComparison.OrdinalIgnoreCase));
            var seconds = double.Parse(line["X-Timestamp:".Length..].Trim(), CultureInfo.InvariantCulture);
            return ArrivedAtUtc - DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }
    }

    /// <summary>Starts with SOI and ends with EOI: not a torn frame.</summary>
    public bool IsWholeJpeg => Jpeg is [0xFF, 0xD8, .., 0xFF, 0xD9];

    public bool IsPlaceholder => Headers.Contains("X-Placeholder", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Reads the standard framing of <c>multipart/x-mixed-replace; boundary=frame</c> strictly: the opening
/// boundary line, then per part its headers, exactly Content-Length bytes and the next boundary line. A stream
/// that ends anywhere but right after a boundary line is torn and fails the read.
/// </summary>
internal sealed class MjpegPartReader(Stream stream)
{
    private static readonly byte[] Opening = "--frame\r\n"u8.ToArray();
    private static readonly byte[] PartEnd = "\r\n--frame\r\n"u8.ToArray();
    private static readonly byte[] HeadersEnd = "\r\n\r\n"u8.ToArray();

    private readonly PipeReader _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
    private bool _opened;

    /// <summary>The next part, or null when the server ended the stream cleanly after a whole part.</summary>
    public async Task<MjpegPart?> ReadPartAsync(CancellationToken cancellation)
    {
        if (!_opened)
        {
            await ExpectAsync(Opening, cancellation);
            _opened = true;
        }

        var headers = await ReadHeadersAsync(cancellation);
        if (headers is null)
        {
            return null;
        }

        var length = ContentLength(headers);
        var jpeg = await ReadExactlyAsync(length, cancellation);
        await ExpectAsync(PartEnd, cancellation);
        return new MjpegPart(jpeg, headers, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
    }

    private static int ContentLength(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line[(colon + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidDataException($"A part without Content-Length (use ?parts=standard): {headers}");
    }

    /// <summary>The header block up to the blank line; null when the stream ended before any byte of it.</summary>
    private async Task<string?> ReadHeadersAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellation);
            var buffer = result.Buffer;
            var sequence = new SequenceReader<byte>(buffer);
            if (sequence.TryReadTo(out ReadOnlySequence<byte> headers, HeadersEnd, advancePastDelimiter: true))
            {
                var text = Encoding.ASCII.GetString(headers);
                _reader.AdvanceTo(sequence.Position);
                return text;
            }

            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return buffer.IsEmpty ? null : throw new InvalidDataException($"The stream ended inside a part's headers ({buffer.Length} bytes).");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellation)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellation);
            var buffer = result.Buffer;
            if (buffer.Length >= count)
            {
                var bytes = buffer.Slice(0, count).ToArray();
                _reader.AdvanceTo(buffer.GetPosition(count));
                return bytes;
            }

            if (result.IsCompleted)
            {
                throw new InvalidDataException($"The stream ended inside a part: {buffer.Length} of {count} bytes.");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async Task ExpectAsync(byte[] expected, CancellationToken cancellation)
    {
        var actual = await ReadExactlyAsync(expected.Length, cancellation);
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidDataException($"Expected '{Encoding.ASCII.GetString(expected)}', got '{Encoding.ASCII.GetString(actual)}'.");
        }
    }
}
