using Streaming.Cameras;
using Streaming.Imaging;

namespace Streaming.Sources;

/// <summary>The default camera: a generated picture at the configured size and rate, no hardware needed.</summary>
public sealed class TestPatternSource(CameraDefinition camera, TimeProvider time) : PacedFrameSource(camera.Fps, time)
{
    private TestPatternRenderer? _renderer;

    protected override void Open() => _renderer = new TestPatternRenderer(camera.Name, camera.Width, camera.Height);

    protected override SourceFrame MakeFrame()
    {
        var now = Time.GetUtcNow();
        return SourceFrame.FromImage(_renderer!.Render(now), now);
    }

    public override async ValueTask DisposeAsync()
    {
        _renderer?.Dispose();
        await base.DisposeAsync();
    }
}
