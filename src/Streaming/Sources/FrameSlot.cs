namespace Streaming.Sources;

/// <summary>
/// Hands the newest frame from a source's own thread to the camera's capture thread: one slot, a newer frame
/// replaces (and disposes) one not yet taken, and a taker blocks on a semaphore, so each hand-over is one wake-up of
/// the waiting thread and nothing else. After <see cref="Complete"/> the frames left are taken, then the reason is thrown.
/// </summary>
internal sealed class FrameSlot : IDisposable
{
    private readonly SemaphoreSlim _filled = new(0);
    private SourceFrame? _frame;
    private Exception? _ended;

    public void Put(SourceFrame frame)
    {
        if (Interlocked.Exchange(ref _frame, frame) is { } replaced)
        {
            // The slot was full and already counted in the semaphore.
            replaced.Dispose();
            return;
        }

        _filled.Release();
    }

    /// <summary>No more frames: takers get <paramref name="reason"/> once the slot is empty.</summary>
    public void Complete(Exception reason)
    {
        Volatile.Write(ref _ended, reason);
        _filled.Release();
    }

    public SourceFrame Take(CancellationToken cancellationToken)
    {
        _filled.Wait(cancellationToken);
        return TakeFilled();
    }

    public async ValueTask<SourceFrame> TakeAsync(CancellationToken cancellationToken)
    {
        await _filled.WaitAsync(cancellationToken);
        return TakeFilled();
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _frame, null)?.Dispose();
        _filled.Dispose();
    }

    private SourceFrame TakeFilled()
    {
        if (Interlocked.Exchange(ref _frame, null) is { } frame)
        {
            return frame;
        }

        // Woken by Complete: let the next taker see the end too.
        _filled.Release();
        throw Volatile.Read(ref _ended)!;
    }
}
