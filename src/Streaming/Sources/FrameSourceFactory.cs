using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Sources.Http;

namespace Streaming.Sources;

/// <summary>
/// Creates each camera's source. An MJPEG .avi file is played by the app itself (<see cref="MjpegAviSource"/>).
/// Without OpenCV's native library, a V4L2 device runs through ffmpeg and every other camera that needs OpenCV
/// fails permanently with the one sentence <see cref="OpenCvRuntime"/> words (logged once here, with the loader's
/// exception); passthrough kinds need no OpenCV and never load it.
/// </summary>
public sealed partial class FrameSourceFactory : IFrameSourceFactory
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IHttpClientFactory? _httpClients;
    private readonly Func<OpenCvAvailability> _openCv;
    private readonly Func<string, string?> _resolveProgram;
    private int _reported;

    /// <summary>Sources of the kinds that need no network client (everything but <see cref="CameraKind.Http"/>).</summary>
    public FrameSourceFactory(TimeProvider time)
        : this(time, null, NullLogger<FrameSourceFactory>.Instance)
    {
    }

    /// <summary>Sources of every kind (what <c>AddStreaming</c> registers).</summary>
    public FrameSourceFactory(TimeProvider time, IHttpClientFactory? httpClients, ILogger<FrameSourceFactory>? logger = null)
        : this(time, logger ?? (ILogger)NullLogger<FrameSourceFactory>.Instance, () => OpenCvRuntime.Current, CameraDefinitionValidator.ResolveProgram, httpClients)
    {
    }

    /// <summary>For tests: another answer to "does OpenCV load?" and "where is this program?".</summary>
    internal FrameSourceFactory(TimeProvider time, ILogger logger, Func<OpenCvAvailability> openCv, Func<string, string?> resolveProgram, IHttpClientFactory? httpClients = null)
    {
        _time = time;
        _logger = logger;
        _openCv = openCv;
        _resolveProgram = resolveProgram;
        _httpClients = httpClients;
    }

    public IFrameSource Create(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return camera.Kind switch
        {
            CameraKind.TestPattern => NeedingOpenCv(camera, () => new TestPatternSource(camera, _time)),
            CameraKind.ImageSequence => NeedingOpenCv(camera, () => new ImageSequenceSource(camera, _time), onlyForAdjustments: true),
            CameraKind.OpenCv when camera.Device is not null && !OpenCvLoads() => DeviceThroughFfmpeg(camera),
            CameraKind.OpenCv when MjpegAviSource.CanPlay(camera) => NeedingOpenCv(camera, () => new MjpegAviSource(camera, _time), onlyForAdjustments: true),
            CameraKind.OpenCv => NeedingOpenCv(camera, () => new OpenCvCaptureSource(camera, _time)),
            CameraKind.Command => NeedingOpenCv(camera, () => new CommandSource(camera, _time), onlyForAdjustments: true),
            CameraKind.Http => NeedingOpenCv(camera, () => HttpSource(camera), onlyForAdjustments: true),
            _ => throw new FrameSourceException($"Kind '{camera.Kind}' is not supported."),
        };
    }

    /// <summary>
    /// The source, if OpenCV is there or not needed: passthrough kinds need it only to decode for image adjustments.
    /// The probe runs only here, so an app whose cameras need no OpenCV never loads it.
    /// </summary>
    private IFrameSource NeedingOpenCv(CameraDefinition camera, Func<IFrameSource> create, bool onlyForAdjustments = false)
    {
        if ((onlyForAdjustments && camera.Image.IsIdentity) || OpenCvLoads())
        {
            return create();
        }

        throw new PermanentFrameSourceException(onlyForAdjustments ? AdjustmentsNeedOpenCv() : _openCv().Problem!);
    }

    private HttpCameraSource HttpSource(CameraDefinition camera) => _httpClients is not null
        ? new HttpCameraSource(camera, _httpClients.CreateClient(HttpCameraClient.Name), _time)
        : throw new FrameSourceException("Http cameras need the HTTP client that AddStreaming registers.");

    private CommandSource DeviceThroughFfmpeg(CameraDefinition camera)
    {
        if (_resolveProgram(FfmpegDeviceCapture.Program) is null)
        {
            throw new PermanentFrameSourceException($"{_openCv().Problem} Without OpenCV a V4L2 device is read through ffmpeg, which is not installed either (apt-get install ffmpeg).");
        }

        if (!camera.Image.IsIdentity)
        {
            throw new PermanentFrameSourceException(AdjustmentsNeedOpenCv());
        }

        return FfmpegDeviceCapture.Create(camera, FfmpegDeviceCapture.DeviceInput(camera), _time);
    }

    private string AdjustmentsNeedOpenCv() => $"Image settings (rotation, flips, brightness, contrast, caption) need OpenCV. {_openCv().Problem}";

    private bool OpenCvLoads()
    {
        var openCv = _openCv();
        if (!openCv.IsAvailable && Interlocked.Exchange(ref _reported, 1) == 0)
        {
            LogOpenCvMissing(_logger, openCv.Failure, openCv.Problem!);
        }

        return openCv.IsAvailable;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem} Cameras that need OpenCV are Failed until it is installed and the app restarted.")]
    private static partial void LogOpenCvMissing(ILogger logger, Exception? exception, string problem);
}
