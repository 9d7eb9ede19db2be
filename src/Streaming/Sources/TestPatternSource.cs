using Streaming.Cameras;
using Streaming.Imaging;

namespace Streaming.Sources;

/// <summary>The default camera: a generated picture at the configured size and rate, no hardware needed.</summary>
public sealed class TestPatternSource(CameraDefinition camera, TimeProvider time) : IFrameSource
{
    private TestPatternRenderer? _renderer;
    private PeriodicTimer? _pace;

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        _renderer = new TestPatternRenderer(camera.Name, camera.Width, camera.Height);
        _pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / camera.Fps), time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        if (_renderer is null || _pace is null)
        {
            throw new InvalidOperationException("The source is not open.");
        }

        await _pace.WaitForNextTickAsync(cancellationToken);
        var now = time.GetUtcNow();
        return SourceFrame.FromImage(_renderer.Render(now), now);
    }

    public ValueTask DisposeAsync()
    {
        _pace?.Dispose();
        _renderer?.Dispose();
        return ValueTask.CompletedTask;
    }
}
