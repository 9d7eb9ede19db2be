namespace Streaming.Sources;

/// <summary>
/// A source that makes its frames itself at the camera's rate (a generated picture, a folder of files): each read
/// waits until the next frame is due (<see cref="FramePacer"/>, one timed wait on the capture thread), then makes it.
/// </summary>
public abstract class PacedFrameSource(double fps, TimeProvider time) : IFrameSource
{
    private FramePacer? _pace;

    protected TimeProvider Time => time;

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        Open();
        _pace = new FramePacer(fps, time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        await Pace.WaitAsync(cancellationToken);
        return MakeFrame();
    }

    public SourceFrame ReadFrame(CancellationToken cancellationToken)
    {
        Pace.Wait(cancellationToken);
        return MakeFrame();
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Gets ready to make frames; throws <see cref="FrameSourceException"/> when it can't.</summary>
    protected abstract void Open();

    /// <summary>The frame that is due now.</summary>
    protected abstract SourceFrame MakeFrame();

    private FramePacer Pace => _pace ?? throw new InvalidOperationException("The source is not open.");
}
