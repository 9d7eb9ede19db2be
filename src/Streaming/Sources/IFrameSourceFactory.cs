using Streaming.Cameras;

namespace Streaming.Sources;

/// <summary>Creates the source for a camera's kind (replaceable in tests).</summary>
public interface IFrameSourceFactory
{
    IFrameSource Create(CameraDefinition camera);
}
