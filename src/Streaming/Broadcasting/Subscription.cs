using System.Runtime.CompilerServices;

namespace Streaming.Broadcasting;

/// <summary>
/// A live subscription to a camera. Read frames with <see cref="ReadAllAsync"/>; disposing it
/// unsubscribes at once (this is how a closed HTTP request or a closed browser tab leaves).
/// </summary>
public sealed class Subscription : IAsyncDisposable
{
    private readonly Subscriber _subscriber;
    private readonly Func<Subscriber, ValueTask> _unsubscribe;
    private int _disposed;

    internal Subscription(Subscriber subscriber, Func<Subscriber, ValueTask> unsubscribe)
    {
        _subscriber = subscriber;
        _unsubscribe = unsubscribe;
    }

    public SubscriberInfo Info => _subscriber.Info;

    /// <summary>
    /// The newest frames as they come. The stream ends when the camera is removed or the subscription disposed.
    /// Each frame handed out is counted as sent.
    /// </summary>
    public async IAsyncEnumerable<JpegFrame> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _subscriber.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var frame))
            {
                _subscriber.RecordSent(frame);
                yield return frame;
            }
        }
    }

    /// <summary>Waits for the next frame (or returns the newest already waiting); null when the stream ended.</summary>
    public async ValueTask<JpegFrame?> ReadAsync(CancellationToken cancellationToken = default)
    {
        var reader = _subscriber.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            if (reader.TryRead(out var frame))
            {
                _subscriber.RecordSent(frame);
                return frame;
            }
        }

        return null;
    }

    public SubscriberStatistics ReadStatistics() => _subscriber.Read();

    /// <summary>
    /// Switches to push delivery: every frame is handed to <paramref name="sink"/> on the publisher's thread
    /// (the mailbox and <see cref="ReadAllAsync"/> are no longer used). The sink counts what it sends and skips.
    /// </summary>
    internal void DeliverTo(IFrameSink sink) => _subscriber.DeliverTo(sink);

    /// <summary>Counts a frame a sink handed to its transport.</summary>
    internal void RecordSent(JpegFrame frame) => _subscriber.RecordSent(frame);

    /// <summary>Counts a frame a sink replaced before it could send it.</summary>
    internal void RecordSkipped() => _subscriber.RecordSkipped();

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? _unsubscribe(_subscriber) : ValueTask.CompletedTask;
}
