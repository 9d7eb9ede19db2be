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
}
