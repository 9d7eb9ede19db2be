using System.Collections.Immutable;
using Streaming.Diagnostics;

namespace Streaming.Broadcasting;

/// <summary>
/// Fans one stream of frames out to any number of subscribers. Publishing is a loop of
/// non-blocking single-slot writes, so a slow subscriber can never hold up the publisher or the others.
/// </summary>
public sealed class FrameBroadcaster
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ImmutableArray<Subscriber> _subscribers = [];
    private JpegFrame? _latest;
    private long _lastPublishedTicks;

    private readonly StreamingMetrics? _metrics;
    private readonly string _cameraId;

    public FrameBroadcaster(TimeProvider? time = null, StreamingMetrics? metrics = null, string cameraId = "")
    {
        _time = time ?? TimeProvider.System;
        _metrics = metrics;
        _cameraId = cameraId;
    }

    public int SubscriberCount => _subscribers.Length;

    /// <summary>The newest frame published, or null before the first one (and after <see cref="Reset"/>).</summary>
    public JpegFrame? Latest => Volatile.Read(ref _latest);

    public DateTimeOffset LastPublishedAt => new(Interlocked.Read(ref _lastPublishedTicks), TimeSpan.Zero);

    public void Publish(JpegFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Volatile.Write(ref _latest, frame);
        Interlocked.Exchange(ref _lastPublishedTicks, _time.GetUtcNow().UtcTicks);
        foreach (var subscriber in _subscribers)
        {
            subscriber.Offer(frame);
        }
    }

    /// <summary>Forgets the newest frame so a later subscriber does not get a stale picture.</summary>
    public void Reset() => Volatile.Write(ref _latest, null);

    internal Subscriber Add(SubscriberInfo info)
    {
        var subscriber = new Subscriber(info, _time, _metrics, _cameraId);
        lock (_gate)
        {
            _subscribers = _subscribers.Add(subscriber);
        }

        // Subscribe first, then replay the newest frame: a frame published in between is at worst offered twice.
        if (Latest is { } latest)
        {
            subscriber.Offer(latest);
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
