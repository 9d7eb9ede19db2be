namespace Streaming.Sources;

/// <summary>
/// Hands the newest frame from a source's own thread to the camera's capture thread: one slot, a newer frame
/// replaces (and disposes) one not yet taken. A blocked taker waits on an event that the giver sets after filling
/// the slot, without a lock between them (a semaphore's spinning, or a monitor the woken taker must take back from
/// the giver, cost two or three context switches per frame more), so a hand-over is one wake-up of the taker.
/// After <see cref="Complete"/> the frame left is taken, then the reason is thrown.
/// </summary>
internal sealed class FrameSlot : IDisposable
{
    private readonly AutoResetEvent _filled = new(false);
    private SourceFrame? _frame;
    private Exception? _ended;
    private TaskCompletionSource? _waiter;
    private WaitHandle[] _waitOn = [];
    private CancellationToken _waitingWith;

    public void Put(SourceFrame frame)
    {
        Interlocked.Exchange(ref _frame, frame)?.Dispose();
        Wake();
    }

    /// <summary>No more frames: takers get <paramref name="reason"/> once the slot is empty.</summary>
    public void Complete(Exception reason)
    {
        Volatile.Write(ref _ended, reason);
        Wake();
    }

    public SourceFrame Take(CancellationToken cancellationToken)
    {
        // The slot is looked at after every wake-up, so a frame put between a wake-up and the next wait is not missed.
        while (true)
        {
            if (TryTake() is { } frame)
            {
                return frame;
            }

            cancellationToken.ThrowIfCancellationRequested();
            WaitHandle.WaitAny(WaitHandles(cancellationToken));
        }
    }

    public async ValueTask<SourceFrame> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waiter, waiter);
            if (TryTake() is { } frame)
            {
                return frame;
            }

            await waiter.Task.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _frame, null)?.Dispose();
        _filled.Dispose();
    }

    private SourceFrame? TryTake() =>
        Interlocked.Exchange(ref _frame, null) ?? (Volatile.Read(ref _ended) is { } ended ? throw ended : null);

    private void Wake()
    {
        _filled.Set();
        Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
    }

    /// <summary>The slot's event and the token's, kept while the token stays the same (no array per frame).</summary>
    private WaitHandle[] WaitHandles(CancellationToken cancellationToken)
    {
        if (_waitOn.Length == 0 || cancellationToken != _waitingWith)
        {
            _waitingWith = cancellationToken;
            _waitOn = cancellationToken.CanBeCanceled ? [_filled, cancellationToken.WaitHandle] : [_filled];
        }

        return _waitOn;
    }
}
