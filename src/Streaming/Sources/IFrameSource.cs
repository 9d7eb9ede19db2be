namespace Streaming.Sources;

/// <summary>
/// A camera's picture source. A camera opens one, reads frames until it fails or is no longer
/// needed, then disposes it (releasing the device or ending the process).
/// </summary>
public interface IFrameSource : IAsyncDisposable
{
    /// <summary>Opens the device, file, stream or process; throws <see cref="FrameSourceException"/> with a clear message when it can't.</summary>
    ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>Waits for the next frame, paced by the source. Throws when the source fails or ends.</summary>
    ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Blocks the calling thread (a camera's capture thread) until the next frame; cancelling unblocks it, after
    /// which the source is only disposed. By default it waits for <see cref="ReadFrameAsync"/>. The sources that
    /// run a camera at a steady rate override it with a blocking read or a single timed wait, so a frame costs
    /// the capture thread one wake-up instead of a hop from the timer or I/O thread to a pool worker and on.
    /// </summary>
    SourceFrame ReadFrame(CancellationToken cancellationToken)
    {
        var read = ReadFrameAsync(cancellationToken);
        return read.IsCompleted ? read.GetAwaiter().GetResult() : read.AsTask().GetAwaiter().GetResult();
    }
}
