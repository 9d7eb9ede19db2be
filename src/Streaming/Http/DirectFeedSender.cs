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
/// chunked) in one gather write, without copying the frame. Frames arrive on the publisher's thread
/// (<see cref="IFrameSink"/>), which so serves every ready client of a frame in one pass with one
/// non-blocking send each, instead of waking one continuation per client. A client that is not ready
/// (unsent bytes in its socket, the slow-client gate of <see cref="FeedSocket"/>; a part that did not fit
/// at once; its <c>?fps=</c> cap not yet due) keeps only the newest frame and gets it from a short async
/// loop once it is ready; frames replaced meanwhile count as skipped.
/// </summary>
internal sealed class DirectFeedSender : IFrameSink, IDisposable
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
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<DirectFeedEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JpegFrame? _waiting;
    private bool _busy; // a part is being written, or the loop waits until the waiting frame may go
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

        // Sends from the publisher must never wait; an async send finishes what did not fit.
        _socket.Blocking = false;
    }

    /// <summary>Completes when the feed has ended; no part is being written then.</summary>
    public Task<DirectFeedEnd> Ended => _ended.Task;

    public void Offer(JpegFrame frame)
    {
        bool ready;
        lock (_gate)
        {
            if (_stopRequested)
            {
                return;
            }

            if (_busy)
            {
                if (_waiting is not null)
                {
                    _subscription.RecordSkipped();
                }

                _waiting = frame;
                return;
            }

            _busy = true;
            ready = IsReady();
            if (!ready)
            {
                _waiting = frame;
            }
        }

        if (ready)
        {
            Send(frame);
        }
        else
        {
            _ = SendWhenReadyAsync(unfinished: -1);
        }
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

        _stopping.Cancel();
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

    public void Dispose() => _stopping.Dispose();

    private bool IsReady() => (_intervalTicks == 0 || _time.GetTimestamp() >= _nextDue) && _feed.UnsentBytes() == 0;

    /// <summary>Tries to write a whole part at once; what does not fit is finished asynchronously.</summary>
    private void Send(JpegFrame frame)
    {
        var total = Prepare(frame);
        int sent;
        try
        {
            sent = _socket.Send(_segments, SocketFlags.None, out var error);
            if (error is not (SocketError.Success or SocketError.WouldBlock))
            {
                _ended.TrySetResult(DirectFeedEnd.Failed);
                return;
            }
        }
        catch (ObjectDisposedException)
        {
            _ended.TrySetResult(DirectFeedEnd.Failed);
            return;
        }

        if (sent < total)
        {
            _ = SendWhenReadyAsync(unfinished: Math.Max(sent, 0));
            return;
        }

        bool more;
        lock (_gate)
        {
            more = _stopRequested || _waiting is not null;
            _busy = more;
        }

        if (more)
        {
            _ = SendWhenReadyAsync(unfinished: -1);
        }
    }

    /// <summary>
    /// Finishes the part in <see cref="_segments"/> from byte <paramref name="unfinished"/> (-1: none), then
    /// sends the waiting frame once the socket has drained and the client's rate allows, until none waits.
    /// </summary>
    private async Task SendWhenReadyAsync(int unfinished)
    {
        try
        {
            while (true)
            {
                if (unfinished >= 0)
                {
                    // Not cancelled by stopping: a stream ends after a whole part.
                    await SendRestAsync(unfinished);
                }

                lock (_gate)
                {
                    if (_stopRequested)
                    {
                        _ended.TrySetResult(DirectFeedEnd.Stopped);
                        return;
                    }
                }

                await _feed.WaitUntilSentAsync(_time, _stopping.Token);
                if (_intervalTicks > 0 && _time.GetElapsedTime(_time.GetTimestamp(), _nextDue) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, _time, _stopping.Token);
                }

                JpegFrame? frame;
                lock (_gate)
                {
                    if (_stopRequested)
                    {
                        _ended.TrySetResult(DirectFeedEnd.Stopped);
                        return;
                    }

                    frame = _waiting;
                    _waiting = null;
                    _busy = frame is not null;
                }

                if (frame is null)
                {
                    return;
                }

                var total = Prepare(frame);
                var sent = _socket.Send(_segments, SocketFlags.None, out var error);
                if (error is not (SocketError.Success or SocketError.WouldBlock))
                {
                    _ended.TrySetResult(DirectFeedEnd.Failed);
                    return;
                }

                unfinished = sent < total ? Math.Max(sent, 0) : -1;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            _ended.TrySetResult(DirectFeedEnd.Stopped);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _ended.TrySetResult(DirectFeedEnd.Failed);
        }
    }

    private async Task SendRestAsync(int sent)
    {
        var total = _segments.Sum(s => s.Count);
        while (sent < total)
        {
            sent += await _socket.SendAsync(Remaining(sent), SocketFlags.None);
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
        var length = header.Length + frame.Data.Length + _partEnd.Length;
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

        _segments.Add(frame.Data);
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
