using System.Buffers;
using Streaming.Imaging;

namespace Streaming.Parsing;

/// <summary>
/// Cuts complete JPEG images out of an MJPEG byte stream (for example a program's stdout).
/// It walks the JPEG marker structure instead of searching for FFD9, so an embedded thumbnail,
/// a read boundary that splits a marker, or garbage between frames cannot cut a frame short;
/// a frame that is truncated by the start of the next one is dropped.
/// </summary>
public sealed class MjpegFrameSplitter
{
    private Mode _mode = Mode.SeekingStart;
    private long _resumeAt;

    public MjpegFrameSplitter(int maxFrameBytes = 32 * 1024 * 1024) => MaxFrameBytes = maxFrameBytes;

    private enum Mode
    {
        SeekingStart,
        Segments,
        EntropyData,
    }

    /// <summary>Frames bigger than this are treated as garbage and skipped.</summary>
    public int MaxFrameBytes { get; }

    /// <summary>Bytes skipped because they were not part of a complete JPEG.</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>
    /// Takes one complete JPEG from the front of <paramref name="buffer"/>. Whether or not one is found,
    /// <paramref name="buffer"/> is sliced past everything consumed (frames and garbage); the caller keeps the
    /// rest and calls again with more data appended. Progress inside an unfinished frame is remembered,
    /// so each byte is examined once.
    /// </summary>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out byte[] frame)
    {
        var found = TrySliceFrame(ref buffer, out var slice);
        frame = found ? FrameBytes.CopyOf(slice) : [];
        return found;
    }

    /// <summary>
    /// <see cref="TryReadFrame"/> without the copy: <paramref name="frame"/> is a slice of <paramref name="buffer"/>
    /// as passed in, valid as long as that memory is (a source copies it into a pooled array).
    /// </summary>
    public bool TrySliceFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        while (true)
        {
            if (_mode == Mode.SeekingStart && !SeekStart(ref buffer))
            {
                return false;
            }

            var outcome = ScanFrame(buffer, out var frameLength);
            switch (outcome)
            {
                case Outcome.Complete:
                    frame = buffer.Slice(0, frameLength);
                    buffer = buffer.Slice(frameLength);
                    Restart();
                    return true;
                case Outcome.NeedMoreData when _resumeAt <= MaxFrameBytes:
                    return false;
                default:
                    // Not a JPEG after all, truncated by a new SOI, or too large: drop up to where scanning stopped.
                    var skip = outcome == Outcome.Truncated ? frameLength : 1;
                    DiscardedBytes += skip;
                    buffer = buffer.Slice(skip);
                    Restart();
                    break;
            }
        }
    }

    private enum Outcome
    {
        Complete,
        NeedMoreData,
        Invalid,
        Truncated,
    }

    private void Restart()
    {
        _mode = Mode.SeekingStart;
        _resumeAt = 0;
    }

    /// <summary>Drops bytes before the next SOI marker (FF D8 FF). Returns false if more data is needed.</summary>
    private bool SeekStart(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryAdvanceTo(JpegMarkers.Prefix, advancePastDelimiter: false))
        {
            var at = reader.Consumed;
            if (!reader.TryPeek(1, out var second) || !reader.TryPeek(2, out var third))
            {
                Discard(ref buffer, at);
                return false;
            }

            if (second == JpegMarkers.StartOfImage && third == JpegMarkers.Prefix)
            {
                Discard(ref buffer, at);
                _mode = Mode.Segments;
                _resumeAt = 2;
                return true;
            }

            reader.Advance(1);
        }

        Discard(ref buffer, buffer.Length);
        return false;
    }

    private void Discard(ref ReadOnlySequence<byte> buffer, long count)
    {
        DiscardedBytes += count;
        buffer = buffer.Slice(count);
    }

    /// <summary>Continues parsing the frame that starts at the front of <paramref name="buffer"/>.</summary>
    private Outcome ScanFrame(ReadOnlySequence<byte> buffer, out long length)
    {
        length = 0;
        var reader = new SequenceReader<byte>(buffer);
        reader.Advance(_resumeAt);
        while (true)
        {
            _resumeAt = reader.Consumed;
            if (_mode == Mode.EntropyData)
            {
                // Inside scan data only FF 00 (stuffing), FF D0-D7 (restart) and fill bytes are not markers.
                if (!reader.TryAdvanceTo(JpegMarkers.Prefix, advancePastDelimiter: false))
                {
                    _resumeAt = reader.Consumed;
                    return Outcome.NeedMoreData;
                }

                _resumeAt = reader.Consumed;
                if (!reader.TryPeek(1, out var next))
                {
                    return Outcome.NeedMoreData;
                }

                if (next == 0x00 || next == JpegMarkers.Prefix || (next >= 0xD0 && next <= 0xD7))
                {
                    reader.Advance(next == JpegMarkers.Prefix ? 1 : 2);
                    continue;
                }

                _mode = Mode.Segments;
            }

            if (!reader.TryPeek(0, out var first) || !reader.TryPeek(1, out var marker))
            {
                return Outcome.NeedMoreData;
            }

            if (first != JpegMarkers.Prefix)
            {
                return Outcome.Invalid;
            }

            switch (marker)
            {
                case JpegMarkers.Prefix:
                    reader.Advance(1); // fill byte before a marker
                    continue;
                case JpegMarkers.EndOfImage:
                    length = reader.Consumed + 2;
                    return Outcome.Complete;
                case JpegMarkers.StartOfImage:
                    length = reader.Consumed; // a new image began before this one ended
                    return Outcome.Truncated;
                case 0x01:
                case >= 0xD0 and <= 0xD7:
                    reader.Advance(2);
                    continue;
                default:
                    if (!reader.TryPeek(2, out var high) || !reader.TryPeek(3, out var low))
                    {
                        return Outcome.NeedMoreData;
                    }

                    var segmentLength = (high << 8) | low;
                    if (segmentLength < 2)
                    {
                        return Outcome.Invalid;
                    }

                    if (reader.Remaining < 2 + segmentLength)
                    {
                        return Outcome.NeedMoreData;
                    }

                    reader.Advance(2 + segmentLength);
                    if (marker == JpegMarkers.StartOfScan)
                    {
                        _mode = Mode.EntropyData;
                    }

                    continue;
            }
        }
    }
}
