using System.Collections.Immutable;
using Streaming.Diagnostics;

namespace Streaming.Broadcasting;

/// <summary>
/// Fans one stream of frames out to any number of subscribers. Publishing is a loop of
/// non-blocking single-slot writes, so a slow subscriber can never hold up the publisher or the others.
/// </summary>
public sealed class FrameBroadcaster
{
    /// <summary>
    /// Up to this many push subscribers are served on the publishing thread (a camera's capture thread): a few
    /// non-blocking sends cost less than waking a pool thread for them. More go to a pool thread, so the capture's
    /// rate does not fall by the time hundreds of sends take.
    /// </summary>
    internal const int InlinePassLimit = 8;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ImmutableArray<Subscriber> _subscribers = [];
    private JpegFrame? _latest;
    private long _lastPublishedTicks;
    private JpegFrame? _passFrame;
    private int _passRunning;

    private readonly StreamingMetrics? _metrics;
    private readonly string _cameraId;

    public FrameBroadcaster(TimeProvider? time = null, StreamingMetrics? metrics = null, string cameraId = "")
    {
        _time = time ?? TimeProvider.System;
        _metrics = metrics;
        _cameraId = cameraId;
    }

    public int SubscriberCount => _subscribers.Length;

    /// <summary>
    /// The newest frame published, or null before the first one (and after <see cref="Reset"/>); the caller keeps
    /// it for good (its array never goes back to the pool).
    /// </summary>
    public JpegFrame? Latest => HoldLatest();

    /// <summary>The newest frame, held for the caller, who releases it; null when there is none.</summary>
    internal JpegFrame? HoldLatest()
    {
        // The slot may move on, and its frame be released, between the read and the hold: then read it again.
        while (Volatile.Read(ref _latest) is { } latest)
        {
            if (latest.TryHold())
            {
                return latest;
            }
        }

        return null;
    }

    public DateTimeOffset LastPublishedAt => new(Interlocked.Read(ref _lastPublishedTicks), TimeSpan.Zero);

    /// <summary>
    /// Hands <paramref name="frame"/> to every subscriber. The caller holds it during the call; the broadcaster
    /// and the subscribers hold it themselves for as long as they keep it.
    /// </summary>
    public void Publish(JpegFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Interlocked.Exchange(ref _latest, frame.Hold())?.Release();
        Interlocked.Exchange(ref _lastPublishedTicks, _time.GetUtcNow().UtcTicks);
        var pushes = 0;
        foreach (var subscriber in _subscribers)
        {
            if (subscriber.PushesDirectly)
            {
                pushes++;
            }
            else
            {
                subscriber.Offer(frame);
            }
        }

        if (pushes > 0)
        {
            StartPass(frame, inline: pushes <= InlinePassLimit);
        }
    }

    /// <summary>
    /// Hands a frame to every push subscriber (<see cref="IFrameSink"/>) in one pass, on this thread for a few
    /// of them (<see cref="InlinePassLimit"/>), else on a pool thread so their sends do not delay the capture;
    /// either way no continuation is woken per subscriber. One pass runs at a time; a frame published while one
    /// runs waits for it, and only the newest such frame does.
    /// </summary>
    private void StartPass(JpegFrame frame, bool inline)
    {
        Interlocked.Exchange(ref _passFrame, frame.Hold())?.Release();
        if (Interlocked.CompareExchange(ref _passRunning, 1, 0) != 0)
        {
            return;
        }

        if (inline)
        {
            RunPasses();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static broadcaster => broadcaster.RunPasses(), this, preferLocal: false);
        }
    }

    private void RunPasses()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref _passFrame, null) is { } frame)
            {
                foreach (var subscriber in _subscribers)
                {
                    if (subscriber.PushesDirectly)
                    {
                        subscriber.Offer(frame);
                    }
                }

                frame.Release();
            }

            Volatile.Write(ref _passRunning, 0);

            // A frame published after the last look, while this pass was ending, still needs a pass.
            if (Volatile.Read(ref _passFrame) is null || Interlocked.CompareExchange(ref _passRunning, 1, 0) != 0)
            {
                return;
            }
        }
    }

    /// <summary>Forgets the newest frame so a later subscriber does not get a stale picture.</summary>
    public void Reset() => Interlocked.Exchange(ref _latest, null)?.Release();

    internal Subscriber Add(SubscriberInfo info)
    {
        var subscriber = new Subscriber(info, _time, _metrics, _cameraId);
        lock (_gate)
        {
            _subscribers = _subscribers.Add(subscriber);
        }

        // Subscribe first, then replay the newest frame: a frame published in between is at worst offered twice.
        if (HoldLatest() is { } latest)
        {
            subscriber.Offer(latest);
            latest.Release();
        }

        return subscriber;
    }

    internal bool Remove(Subscriber subscriber)
    {
        bool removed;
        lock (_gate)
        {
            var before = _subscribers.Length;
            _subscribers = _subscribers.Remove(subscriber);
            removed = _subscribers.Length != before;
        }

        subscriber.Complete();
        return removed;
    }

    /// <summary>Ends every subscription (their frame streams complete).</summary>
    internal void CompleteAll()
    {
        ImmutableArray<Subscriber> ended;
        lock (_gate)
        {
            ended = _subscribers;
            _subscribers = [];
        }

        foreach (var subscriber in ended)
        {
            subscriber.Complete();
        }
    }

    public IReadOnlyList<SubscriberStatistics> ReadSubscribers() => [.. _subscribers.Select(s => s.Read())];
}
