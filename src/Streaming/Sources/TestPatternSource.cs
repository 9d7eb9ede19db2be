using Streaming.Cameras;
using Streaming.Imaging;

namespace Streaming.Sources;

/// <summary>The default camera: a generated picture at the configured size and rate, no hardware needed.</summary>
public sealed class TestPatternSource(CameraDefinition camera, TimeProvider time) : IFrameSource
{
    private TestPatternRenderer? _renderer;
    private FramePacer? _pace;

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        _renderer = new TestPatternRenderer(camera.Name, camera.Width, camera.Height);
        _pace = new FramePacer(camera.Fps, time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        await Pace.WaitAsync(cancellationToken);
        return Render();
    }

    public SourceFrame ReadFrame(CancellationToken cancellationToken)
    {
        Pace.Wait(cancellationToken);
        return Render();
    }

    private FramePacer Pace => _pace ?? throw new InvalidOperationException("The source is not open.");

    private SourceFrame Render()
    {
        var now = time.GetUtcNow();
        return SourceFrame.FromImage(_renderer!.Render(now), now);
    }

    public ValueTask DisposeAsync()
    {
        _renderer?.Dispose();
        return ValueTask.CompletedTask;
    }
}
