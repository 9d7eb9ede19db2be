using OpenCvSharp;
using Streaming.Cameras;

namespace Streaming.Sources;

/// <summary>
/// OpenCV capture of a V4L2 device, a video file or a network stream (FFmpeg). Where the source carries JPEG (a
/// device in MJPEG mode, an MJPEG file or stream) the compressed frames are taken undecoded and passed on byte for
/// byte; anything else (H.264, raw YUYV) is decoded. OpenCV's read blocks, so it runs on the reading thread itself
/// (the camera's capture thread): a frame costs one wake-up, not a hand-over between two threads. A stalled stream
/// holds that thread until OpenCV's own read timeout (10 s) ends the read; the capture is released only by the
/// thread that read last, never under a read in progress.
/// </summary>
public sealed class OpenCvCaptureSource(CameraDefinition camera, TimeProvider? time = null) : IFrameSource, IDeviceControls
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(10);

    // CAP_PROP_OPEN_TIMEOUT_MSEC and CAP_PROP_READ_TIMEOUT_MSEC (OpenCV 4.5+), missing from OpenCvSharp's enum.
    private const int OpenTimeoutProperty = 53;
    private const int ReadTimeoutProperty = 54;

    // CAP_PROP_FORMAT = -1 makes the FFmpeg backend return the demuxed packets undecoded.
    private const double RawPackets = -1;

    // Work that must run between two reads (OpenCV's capture is not thread-safe).
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action<VideoCapture>> _onCaptureThread = new();
    private readonly Lock _gate = new();

    // One Mat for the whole run: OpenCV reuses its buffer, so reading costs no allocation per frame.
    private readonly Mat _image = new();
    private VideoCapture? _capture;
    private bool _passthrough;
    private string? _format;
    private FramePacer? _pace;
    private bool _reading;
    private bool _disposed;

    private string Description => camera switch
    {
        { Device: { } device } => $"device {device} (/dev/video{device})",
        { File: { Length: > 0 } file } => $"file '{file}'",
        _ => $"stream '{Redaction.RedactUrl(camera.Url)}'",
    };

    private bool IsFile => !string.IsNullOrWhiteSpace(camera.File);

    /// <summary>Opens on a pool thread: OpenCV's open blocks (a stream up to 10 s), and the caller's timeout must hold.</summary>
    public async ValueTask OpenAsync(CancellationToken cancellationToken) =>
        await Task.Run(OpenCapture, CancellationToken.None).WaitAsync(cancellationToken);

    /// <summary>For callers that await (a one-off read): the blocking read on a pool thread.</summary>
    public ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken) =>
        new(Task.Run(() => ReadFrame(cancellationToken), cancellationToken));

    public SourceFrame ReadFrame(CancellationToken cancellationToken)
    {
        VideoCapture capture;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            capture = _capture ?? throw new InvalidOperationException("The source is not open.");
            _reading = true;
        }

        try
        {
            return Read(capture, cancellationToken);
        }
        catch (Exception ex) when (ex is OpenCVException or OpenCvSharpException)
        {
            throw Failure(ex);
        }
        finally
        {
            lock (_gate)
            {
                _reading = false;
                if (_disposed)
                {
                    ReleaseLocked();
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;

            // Releasing the capture under a read in progress could crash: that read releases it when it returns.
            if (!_reading)
            {
                ReleaseLocked();
            }
        }

        return ValueTask.CompletedTask;
    }

    private SourceFrame Read(VideoCapture capture, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (_onCaptureThread.TryDequeue(out var work))
            {
                work(capture);
            }

            if (!capture.Read(_image) || _image.Empty())
            {
                if (IsFile && camera.Loop && capture.Set(VideoCaptureProperties.PosFrames, 0))
                {
                    continue;
                }

                throw IsFile && !camera.Loop
                    ? new FrameSourceEndedException($"The video file '{camera.File}' ended (Loop is off).")
                    : new FrameSourceException($"OpenCV stopped delivering frames from {Description}.");
            }

            // A file has no clock of its own: it plays at the camera's Fps.
            _pace?.Wait(cancellationToken);
            if (ToFrame(_image, _passthrough, _format) is { } frame)
            {
                return frame;
            }
        }
    }

    private void OpenCapture()
    {
        VideoCapture? capture = null;
        try
        {
            capture = Open();
            _passthrough = TakeCompressedFrames(capture);
            _format = _passthrough ? null : CodecName(capture);
        }
        catch (Exception ex) when (ex is OpenCVException or OpenCvSharpException)
        {
            capture?.Release();
            capture?.Dispose();
            throw Failure(ex);
        }

        _pace = IsFile ? new FramePacer(camera.Fps, TimeProvider.System) : null;
        lock (_gate)
        {
            _capture = capture;
            if (_disposed)
            {
                // Given up on while it opened.
                ReleaseLocked();
            }
        }
    }

    private void ReleaseLocked()
    {
        _capture?.Release();
        _capture?.Dispose();
        _capture = null;
        _image.Dispose();
    }

    private FrameSourceException Failure(Exception ex) =>
        new($"OpenCV failed on {Description}: {Redaction.RedactText(ex.Message, camera)}", ex);

    /// <summary>
    /// Switches the capture to undecoded JPEG frames when the source carries them: a V4L2 device that accepted
    /// MJPEG (CAP_PROP_CONVERT_RGB = 0 returns the device's buffer), or a file or stream whose codec is MJPEG
    /// (raw packets from the FFmpeg backend).
    /// </summary>
    private bool TakeCompressedFrames(VideoCapture capture)
    {
        if (!IsMjpeg(capture.Get(VideoCaptureProperties.FourCC)))
        {
            return false;
        }

        return camera.Device is not null
            ? capture.Set(VideoCaptureProperties.ConvertRgb, 0)
            : capture.Set(VideoCaptureProperties.Format, RawPackets);
    }

    internal static bool IsMjpeg(double fourCc) => MjpegFourCc.Is(FourCcText(fourCc));

    private static string? CodecName(VideoCapture capture) =>
        FourCcText(capture.Get(VideoCaptureProperties.FourCC)) is { Length: > 0 } name ? name.Trim() : null;

    private static string FourCcText(double fourCc)
    {
        var code = (int)fourCc;
        Span<char> text = [(char)(code & 0xFF), (char)((code >> 8) & 0xFF), (char)((code >> 16) & 0xFF), (char)((code >> 24) & 0xFF)];
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return "";
            }
        }

        return new string(text);
    }

    /// <summary>
    /// The frame to hand over: the compressed buffer copied once into a pooled array every viewer then shares, or a
    /// decoded image. Null for a buffer that is not a JPEG (a corrupt packet), which is skipped.
    /// </summary>
    private SourceFrame? ToFrame(Mat image, bool passthrough, string? format)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        if (!passthrough)
        {
            return SourceFrame.FromImage(image.Clone(), now, format);
        }

        var length = checked((int)(image.Total() * image.ElemSize()));
        var rented = Broadcasting.FramePool.Rent(length);
        System.Runtime.InteropServices.Marshal.Copy(image.Data, rented, 0, length);
        return SourceFrame.FromPoolUnlessDamaged(rented, length, now);
    }

    public async Task<IReadOnlyList<DeviceProperty>> ReadPropertiesAsync(CancellationToken cancellationToken)
    {
        if (camera.Device is not { } device)
        {
            return [];
        }

        var ranges = await V4l2ControlRanges.ReadAsync(device, cancellationToken);
        return await OnCaptureThreadAsync(
            capture => (IReadOnlyList<DeviceProperty>)[.. DeviceProperty.Known
                .Select(p => (p.Key, Value: capture.Get(p.Value)))
                .Where(p => p.Value != -1 && !double.IsNaN(p.Value))
                .Select(p => ranges.TryGetValue(p.Key, out var r) ? new DeviceProperty(p.Key, p.Value, r.Min, r.Max, r.Step) : new DeviceProperty(p.Key, p.Value))],
            cancellationToken);
    }

    public async Task<IReadOnlyList<CaptureMode>> ReadModesAsync(CancellationToken cancellationToken) =>
        camera.Device is { } device ? await V4l2Formats.ReadAsync(device, cancellationToken) : [];

    public Task<string?> TrySetAsync(string name, double value, CancellationToken cancellationToken)
    {
        if (camera.Device is null || !DeviceProperty.Known.TryGetValue(name, out var property))
        {
            return Task.FromResult<string?>($"{Description} has no control '{name}'.");
        }

        return OnCaptureThreadAsync(
            capture => capture.Set(property, value) ? null : $"{Description} refused {name} = {value}.",
            cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on the capture now if no read is in progress, else between this read and the next.</summary>
    private Task<T> OnCaptureThreadAsync<T>(Func<VideoCapture, T> work, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run(VideoCapture capture)
        {
            try
            {
                done.TrySetResult(work(capture));
            }
            catch (Exception ex) when (ex is OpenCVException or OpenCvSharpException)
            {
                done.TrySetException(Failure(ex));
            }
        }

        lock (_gate)
        {
            if (!_reading && _capture is { } idle)
            {
                // Nobody reads (the camera applies its settings right after opening): the capture is free.
                Run(idle);
                return done.Task;
            }

            _onCaptureThread.Enqueue(Run);
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
    }

    private VideoCapture Open()
    {
        VideoCapture capture;
        if (camera.Device is { } device)
        {
            capture = new VideoCapture(device, VideoCaptureAPIs.V4L2);
            if (capture.IsOpened())
            {
                // Ask for MJPEG first: USB cameras deliver full frame rates at HD sizes only in MJPEG.
                capture.Set(VideoCaptureProperties.FourCC, VideoWriter.FourCC('M', 'J', 'P', 'G'));
                capture.Set(VideoCaptureProperties.FrameWidth, camera.Width);
                capture.Set(VideoCaptureProperties.FrameHeight, camera.Height);
                capture.Set(VideoCaptureProperties.Fps, camera.Fps);
            }
        }
        else
        {
            var timeout = (int)StreamTimeout.TotalMilliseconds;
            capture = new VideoCapture(
                string.IsNullOrWhiteSpace(camera.File) ? camera.Url! : camera.File,
                VideoCaptureAPIs.FFMPEG,
                [OpenTimeoutProperty, timeout, ReadTimeoutProperty, timeout]);
        }

        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new FrameSourceException($"Could not open {Description}.");
        }

        return capture;
    }
}
