using Streaming.Cameras;

namespace Streaming.Sources;

public sealed class FrameSourceFactory(TimeProvider time) : IFrameSourceFactory
{
    public IFrameSource Create(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return camera.Kind switch
        {
            CameraKind.TestPattern => new TestPatternSource(camera, time),
            CameraKind.ImageSequence => new ImageSequenceSource(camera, time),
            CameraKind.OpenCv => new OpenCvCaptureSource(camera),
            CameraKind.Command => new CommandSource(camera, time),
            _ => throw new FrameSourceException($"Kind '{camera.Kind}' is not supported."),
        };
    }
}
