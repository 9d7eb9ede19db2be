using System.Diagnostics;
using OpenCvSharp;
using Streaming.Cameras;

namespace Streaming.Sources;

/// <summary>
/// OpenCV capture of a V4L2 device, a video file or a network stream (FFmpeg). OpenCV's calls block (a stalled
/// stream for up to 10 s), so capture runs on its own thread and hands the newest frame over through a
/// <see cref="FrameSlot"/>; the camera can give up on a silent source without waiting for OpenCV.
/// Where the source carries JPEG (a device in MJPEG mode, an MJPEG file or stream) the compressed frames
/// are taken undecoded and passed on byte for byte; anything else (H.264, raw YUYV) is decoded.
/// </summary>
public sealed class OpenCvCaptureSource(CameraDefinition camera) : IFrameSource, IDeviceControls
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ThreadExitWait = TimeSpan.FromSeconds(3);

    // CAP_PROP_OPEN_TIMEOUT_MSEC and CAP_PROP_READ_TIMEOUT_MSEC (OpenCV 4.5+), missing from OpenCvSharp's enum.
    private const int OpenTimeoutProperty = 53;
    private const int ReadTimeoutProperty = 54;

    // CAP_PROP_FORMAT = -1 makes the FFmpeg backend return the demuxed packets undecoded.
    private const double RawPackets = -1;

    private readonly FrameSlot _frames = new();

    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Work that must run on the capture thread, between two reads (OpenCV's capture is not thread-safe).
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action<VideoCapture>> _onCaptureThread = new();
    private volatile bool _stopping;
    private Thread? _thread;

    private string Description => camera switch
    {
        { Device: { } device } => $"device {device} (/dev/video{device})",
        { File: { Length: > 0 } file } => $"file '{file}'",
        _ => $"stream '{Redaction.RedactUrl(camera.Url)}'",
    };

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(CaptureLoop) { IsBackground = true, Name = $"capture {camera.Id}" };
        _thread.Start();
        await _opened.Task.WaitAsync(cancellationToken);
    }

    public ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken) => _frames.TakeAsync(cancellationToken);

    public SourceFrame ReadFrame(CancellationToken cancellationToken) => _frames.Take(cancellationToken);

    public ValueTask DisposeAsync()
    {
        _stopping = true;

        // The thread releases the capture itself; releasing it here while it blocks in Read could crash.
        if (_thread?.Join(ThreadExitWait) != false)
        {
            _frames.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void CaptureLoop()
    {
        VideoCapture? capture = null;
        try
        {
            capture = Open();
            var passthrough = TakeCompressedFrames(capture);
            var format = passthrough ? null : CodecName(capture);
            _opened.TrySetResult();
            var isFile = !string.IsNullOrWhiteSpace(camera.File);
            var interval = TimeSpan.FromSeconds(1 / camera.Fps);
            var clock = Stopwatch.StartNew();
            var due = TimeSpan.Zero;

            // One Mat for the whole run: OpenCV reuses its buffer, so reading costs no allocation per frame.
            using var image = new Mat();
            while (!_stopping)
            {
                while (_onCaptureThread.TryDequeue(out var work))
                {
                    work(capture);
                }

                if (!capture.Read(image) || image.Empty())
                {
                    if (isFile && camera.Loop && capture.Set(VideoCaptureProperties.PosFrames, 0))
                    {
                        continue;
                    }

                    throw isFile && !camera.Loop
                        ? new FrameSourceEndedException($"The video file '{camera.File}' ended (Loop is off).")
                        : new FrameSourceException($"OpenCV stopped delivering frames from {Description}.");
                }

                if (isFile)
                {
                    // A file has no clock of its own: play it at the camera's Fps.
                    due += interval;
                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        Thread.Sleep(wait);
                    }
                    else if (wait < -interval)
                    {
                        due = clock.Elapsed;
                    }
                }

                if (ToFrame(image, passthrough, format) is { } frame)
                {
                    _frames.Put(frame);
                }
            }

            _frames.Complete(new FrameSourceException($"Capture of {Description} stopped."));
        }
        catch (Exception ex) when (ex is FrameSourceException or OpenCVException or OpenCvSharpException)
        {
            var failure = ex as FrameSourceException ?? new FrameSourceException($"OpenCV failed on {Description}: {Redaction.RedactText(ex.Message, camera)}", ex);
            _opened.TrySetException(failure);
            _frames.Complete(failure);
        }
        finally
        {
            capture?.Release();
            capture?.Dispose();
        }
    }

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

    /// <summary>MJPG (AVI, V4L2), the FFmpeg codec name "mjpeg" (streams without a codec tag) or Motion-JPEG variants.</summary>
    internal static bool IsMjpeg(double fourCc) => FourCcText(fourCc) is "MJPG" or "mjpg" or "mjpe" or "AVRn" or "JPEG" or "jpeg" or "dmb1";

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
    /// The frame to hand over: the compressed buffer copied once into the array every viewer then shares, or a
    /// decoded image. Null for a buffer that is not a JPEG (a corrupt packet), which is skipped.
    /// </summary>
    private static SourceFrame? ToFrame(Mat image, bool passthrough, string? format)
    {
        var now = DateTimeOffset.UtcNow;
        if (!passthrough)
        {
            return SourceFrame.FromImage(image.Clone(), now, format);
        }

        var length = checked((int)(image.Total() * image.ElemSize()));
        var jpeg = GC.AllocateUninitializedArray<byte>(length);
        System.Runtime.InteropServices.Marshal.Copy(image.Data, jpeg, 0, length);
        return Imaging.JpegInfo.TryReadSize(jpeg, out var width, out var height)
            ? SourceFrame.FromJpeg(jpeg, width, height, now)
            : null;
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

    private Task<T> OnCaptureThreadAsync<T>(Func<VideoCapture, T> work, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _onCaptureThread.Enqueue(capture =>
        {
            try
            {
                done.TrySetResult(work(capture));
            }
            catch (Exception ex) when (ex is OpenCVException or OpenCvSharpException)
            {
                done.TrySetException(new FrameSourceException($"OpenCV failed on {Description}: {Redaction.RedactText(ex.Message, camera)}", ex));
            }
        });
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
