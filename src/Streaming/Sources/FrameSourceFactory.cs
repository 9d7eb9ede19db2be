using Streaming.Cameras;
using Streaming.Sources.Http;

namespace Streaming.Sources;

public sealed class FrameSourceFactory : IFrameSourceFactory
{
    private readonly TimeProvider _time;
    private readonly IHttpClientFactory? _httpClients;

    /// <summary>Sources of every kind (what <c>AddStreaming</c> registers).</summary>
    public FrameSourceFactory(TimeProvider time, IHttpClientFactory httpClients)
    {
        _time = time;
        _httpClients = httpClients;
    }

    /// <summary>Sources of the kinds that need no network client (everything but <see cref="CameraKind.Http"/>).</summary>
    public FrameSourceFactory(TimeProvider time) => _time = time;

    public IFrameSource Create(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return camera.Kind switch
        {
            CameraKind.TestPattern => new TestPatternSource(camera, _time),
            CameraKind.ImageSequence => new ImageSequenceSource(camera, _time),
            CameraKind.OpenCv => new OpenCvCaptureSource(camera),
            CameraKind.Command => new CommandSource(camera, _time),
            CameraKind.Http => _httpClients is not null
                ? new HttpCameraSource(camera, _httpClients.CreateClient(HttpCameraClient.Name), _time)
                : throw new FrameSourceException("Http cameras need the HTTP client that AddStreaming registers."),
            _ => throw new FrameSourceException($"Kind '{camera.Kind}' is not supported."),
        };
    }
}
