using System.Net.Sockets;
using Streaming.Broadcasting;

namespace Streaming.Http;

/// <summary>How a direct feed ended.</summary>
internal enum DirectFeedEnd
{
    /// <summary>After a whole part: the app is stopping, the camera was removed or the request was aborted.</summary>
    Stopped,

    /// <summary>The socket failed (the client is gone).</summary>
    Failed,
}

/// <summary>
/// Writes one feed's parts straight to its socket once Kestrel has sent the response headers: the part
/// header, the shared frame bytes and the part end (inside a hand-written chunk when the response is
/// chunked) in one gather write, without copying the frame. Frames arrive in the broadcaster's pass
/// (<see cref="IFrameSink"/>), which so serves every ready client of a frame on one thread with one
/// non-blocking send each, instead of waking one continuation per client. A client that is not ready
/// when a frame comes (unsent bytes in its socket, the slow-client gate of <see cref="FeedSocket"/>; the
/// previous part still being finished; its <c>?fps=</c> cap not yet due) skips that frame and is asked
/// again with the next one, which is then the newest: no timers, no polling, no frame kept for later.
/// Only a part that did not fit into the socket at once is finished by an async send.
/// </summary>
internal sealed class DirectFeedSender : IFrameSink
{
    private static readonly byte[] ChunkEnd = "\r\n"u8.ToArray();
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();

    private readonly FeedSocket _feed;
    private readonly Socket _socket;
    private readonly Subscription _subscription;
    private readonly TimeProvider _time;
    private readonly bool _standard;
    private readonly bool _chunked;
    private readonly byte[] _partEnd;
    private readonly long _intervalTicks;
    private readonly byte[] _chunkHeader = new byte[16];
    private readonly List<ArraySegment<byte>> _segments = new(5);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<DirectFeedEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JpegFrame? _sending; // held while its part is being written
    private bool _busy; // a part is being written
    private bool _stopRequested;
    private long _nextDue;

    public DirectFeedSender(FeedSocket feed, Subscription subscription, MjpegPartStyle style, bool chunked, TimeSpan interval, TimeProvider time)
    {
        _feed = feed;
        _socket = feed.Socket ?? throw new ArgumentException("The feed has no socket.", nameof(feed));
        _subscription = subscription;
        _time = time;
        _standard = style == MjpegPartStyle.Standard;
        _chunked = chunked;
        _partEnd = MultipartMjpeg.PartEnd(style).ToArray();
        _intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);

        // Sends in the broadcaster's pass must never wait; an async send finishes what did not fit.
        _socket.Blocking = false;
    }

    /// <summary>Completes when the feed has ended; no part is being written then.</summary>
    public Task<DirectFeedEnd> Ended => _ended.Task;

    public void Offer(JpegFrame frame)
    {
        lock (_gate)
        {
            if (_stopRequested)
            {
                return;
            }

            if (_busy || !IsReady())
            {
                _subscription.RecordSkipped();
                return;
            }

            _busy = true;
        }

        Send(frame.Hold());
    }

    /// <summary>Ends the feed after the part being written, if any.</summary>
    public void Stop()
    {
        bool idle;
        lock (_gate)
        {
            _stopRequested = true;
            idle = !_busy;
        }

        if (idle)
        {
            _ended.TrySetResult(DirectFeedEnd.Stopped);
        }
    }

    public void Complete() => Stop();

    /// <summary>
    /// Ends the body after the feed stopped: the last chunk when chunked, then the end of the connection
    /// (FIN, after everything written), which also ends an HTTP/1.0 body.
    /// </summary>
    public async Task WriteEndAsync(CancellationToken cancellationToken)
    {
        if (_chunked)
        {
            await _socket.SendAsync(LastChunk, SocketFlags.None, cancellationToken);
        }

        _socket.Shutdown(SocketShutdown.Send);
    }

    private bool IsReady() => (_intervalTicks == 0 || _time.GetTimestamp() >= _nextDue) && _feed.UnsentBytes() == 0;

    /// <summary>Tries to write a whole part at once; what does not fit is finished asynchronously. Releases the frame once written.</summary>
    private void Send(JpegFrame frame)
    {
        _sending = frame;
        var total = Prepare(frame);
        int sent;
        try
        {
            sent = _socket.Send(_segments, SocketFlags.None, out var error);
            if (error is not (SocketError.Success or SocketError.WouldBlock))
            {
                Fail();
                return;
            }
        }
        catch (ObjectDisposedException)
        {
            Fail();
            return;
        }

        if (sent < total)
        {
            _ = FinishPartAsync(Math.Max(sent, 0));
            return;
        }

        PartDone();
    }

    /// <summary>Sends the rest of the part in <see cref="_segments"/> from byte <paramref name="sent"/>; not cancelled by stopping, so a stream ends after a whole part.</summary>
    private async Task FinishPartAsync(int sent)
    {
        try
        {
            var total = _segments.Sum(s => s.Count);
            while (sent < total)
            {
                sent += await _socket.SendAsync(Remaining(sent), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Fail();
            return;
        }

        PartDone();
    }

    /// <summary>The socket failed: the frame being written is let go and the feed ends (no part follows: it stays busy).</summary>
    private void Fail()
    {
        ReleaseSent();
        _ended.TrySetResult(DirectFeedEnd.Failed);
    }

    private void ReleaseSent()
    {
        _segments.Clear();
        _sending?.Release();
        _sending = null;
    }

    private void PartDone()
    {
        ReleaseSent();
        bool stopped;
        lock (_gate)
        {
            _busy = false;
            stopped = _stopRequested;
        }

        if (stopped)
        {
            _ended.TrySetResult(DirectFeedEnd.Stopped);
        }
    }

    private List<ArraySegment<byte>> Remaining(int sent)
    {
        var rest = new List<ArraySegment<byte>>(_segments.Count);
        foreach (var segment in _segments)
        {
            if (sent >= segment.Count)
            {
                sent -= segment.Count;
                continue;
            }

            rest.Add(segment[sent..]);
            sent = 0;
        }

        return rest;
    }

    /// <summary>Lays out one part (as a chunk when chunked) in <see cref="_segments"/> and counts it as sent.</summary>
    private int Prepare(JpegFrame frame)
    {
        _segments.Clear();
        var header = _standard ? frame.PartHeaderBytes : [];
        var length = header.Length + frame.Length + _partEnd.Length;
        var total = length;
        if (_chunked)
        {
            length.TryFormat(_chunkHeader, out var digits, "X");
            _chunkHeader[digits] = (byte)'\r';
            _chunkHeader[digits + 1] = (byte)'\n';
            _segments.Add(new ArraySegment<byte>(_chunkHeader, 0, digits + 2));
            total += digits + 2 + ChunkEnd.Length;
        }

        if (header.Length > 0)
        {
            _segments.Add(header);
        }

        _segments.Add(frame.Segment);
        _segments.Add(_partEnd);
        if (_chunked)
        {
            _segments.Add(ChunkEnd);
        }

        _subscription.RecordSent(frame);
        if (_intervalTicks > 0)
        {
            // The next frame is due one interval after this one was; a stream that fell behind starts over.
            var now = _time.GetTimestamp();
            _nextDue = _nextDue == 0 ? now + _intervalTicks : Math.Max(_nextDue + _intervalTicks, now);
        }

        return total;
    }
}
