using System.Threading.Channels;
using Streaming.Diagnostics;

namespace Streaming.Broadcasting;

/// <summary>
/// One consumer of a broadcaster: a single-slot mailbox that always holds the newest frame.
/// The publisher never waits; a frame replaced before it was taken counts as skipped. A consumer that
/// can take frames without waiting (a feed writing straight to its socket) switches to
/// <see cref="DeliverTo"/>: the publisher then hands it each frame directly, with no wake-up per frame.
/// </summary>
internal sealed class Subscriber
{
    private readonly Channel<JpegFrame> _mailbox;
    private readonly RateMeter _rate;
    private long _framesSent;
    private long _framesSkipped;
    private long _bytesSent;
    private IFrameSink? _sink;

    private readonly FrameCounters? _totals;

    public Subscriber(SubscriberInfo info, TimeProvider time, StreamingMetrics? metrics = null, string cameraId = "")
    {
        Info = info.ConnectedAt == default ? info with { ConnectedAt = time.GetUtcNow() } : info;
        _rate = new RateMeter(time);
        _totals = metrics?.DeliveredTo(cameraId, info.Kind);
        _mailbox = Channel.CreateBounded<JpegFrame>(
            new BoundedChannelOptions(1)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                // Read by the subscription's reader, or once it pushes, by whichever of DeliverTo and Offer hands over.
                SingleReader = false,
                SingleWriter = false,
                AllowSynchronousContinuations = false,
            },
            dropped =>
            {
                dropped.Release();
                RecordSkipped();
            });
    }

    public SubscriberInfo Info { get; }

    public ChannelReader<JpegFrame> Reader => _mailbox.Reader;

    /// <summary>Frames go to a sink (<see cref="DeliverTo"/>) instead of the mailbox.</summary>
    public bool PushesDirectly => Volatile.Read(ref _sink) is not null;

    public void Offer(JpegFrame frame)
    {
        if (Volatile.Read(ref _sink) is { } sink)
        {
            sink.Offer(frame);
            return;
        }

        // The mailbox holds what it keeps: a frame replaced in it is released (the callback above), one taken
        // out is the reader's.
        if (!_mailbox.Writer.TryWrite(frame.Hold()))
        {
            frame.Release();
            return;
        }

        // A switch to a sink between the check above and this write has drained the mailbox already: hand the
        // frame on, or it would wait there (and keep its pooled array) for good.
        if (Volatile.Read(ref _sink) is { } late)
        {
            HandOver(late);
        }
    }

    public void Complete()
    {
        _mailbox.Writer.TryComplete();
        Volatile.Read(ref _sink)?.Complete();
    }

    /// <summary>From now on frames go to <paramref name="sink"/> as they are offered, instead of the mailbox.</summary>
    public void DeliverTo(IFrameSink sink)
    {
        Volatile.Write(ref _sink, sink);

        // A frame offered before the switch (the replayed newest one) still waits in the mailbox.
        HandOver(sink);
        if (_mailbox.Reader.Completion.IsCompleted)
        {
            sink.Complete();
        }
    }

    private void HandOver(IFrameSink sink)
    {
        while (_mailbox.Reader.TryRead(out var frame))
        {
            sink.Offer(frame);
            frame.Release();
        }
    }

    public void RecordSkipped()
    {
        Interlocked.Increment(ref _framesSkipped);
        _totals?.AddSkipped();
    }

    /// <summary>Called by the consumer once a frame has been handed to its transport.</summary>
    public void RecordSent(JpegFrame frame)
    {
        Interlocked.Increment(ref _framesSent);
        Interlocked.Add(ref _bytesSent, frame.Length);
        _totals?.AddSent(frame.Length);
        _rate.Record();
    }

    public SubscriberStatistics Read() => new(
        Info.Id,
        Info.Kind,
        Info.Label,
        Info.User,
        Info.RemoteAddress,
        Info.UserAgent,
        Info.ConnectedAt,
        Interlocked.Read(ref _framesSent),
        Interlocked.Read(ref _framesSkipped),
        Interlocked.Read(ref _bytesSent),
        Math.Round(_rate.PerSecond(), 1));
}
