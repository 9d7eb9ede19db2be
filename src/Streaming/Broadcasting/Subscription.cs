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
    /// Each frame handed out is counted as sent, and is the caller's to keep.
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

    /// <summary>
    /// <see cref="ReadAllAsync"/> for a caller done with each frame before it asks for the next (it copies the bytes
    /// out): a frame is released when the next is asked for or the loop ends, so its array serves a later frame.
    /// </summary>
    internal async IAsyncEnumerable<JpegFrame> ReadEachOnceAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadHeldAsync(cancellationToken) is { } frame)
        {
            try
            {
                yield return frame;
            }
            finally
            {
                frame.Release();
            }
        }
    }

    /// <summary>Waits for the next frame (or returns the newest already waiting), the caller's to keep; null when the stream ended.</summary>
    public ValueTask<JpegFrame?> ReadAsync(CancellationToken cancellationToken = default) => ReadHeldAsync(cancellationToken);

    /// <summary>
    /// <see cref="ReadAsync"/> for a caller that releases the frame (<see cref="JpegFrame.Release"/>) once done with
    /// it, so its array serves a later frame.
    /// </summary>
    internal async ValueTask<JpegFrame?> ReadHeldAsync(CancellationToken cancellationToken = default)
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
