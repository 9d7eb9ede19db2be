using System.Diagnostics;
using System.Threading.Channels;
using OpenCvSharp;
using Streaming.Cameras;

namespace Streaming.Sources;

/// <summary>
/// OpenCV capture of a V4L2 device, a video file or a network stream (FFmpeg). OpenCV's calls block,
/// so capture runs on its own thread and hands the newest frame over through a one-slot channel.
/// </summary>
public sealed class OpenCvCaptureSource(CameraDefinition camera) : IFrameSource, IDeviceControls
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ThreadExitWait = TimeSpan.FromSeconds(3);

    // CAP_PROP_OPEN_TIMEOUT_MSEC and CAP_PROP_READ_TIMEOUT_MSEC (OpenCV 4.5+), missing from OpenCvSharp's enum.
    private const int OpenTimeoutProperty = 53;
    private const int ReadTimeoutProperty = 54;

    private readonly Channel<Mat> _frames = Channel.CreateBounded<Mat>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
        dropped => dropped.Dispose());

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

    public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        try
        {
            var image = await _frames.Reader.ReadAsync(cancellationToken);
            return SourceFrame.FromImage(image, DateTimeOffset.UtcNow);
        }
        catch (ChannelClosedException closed)
        {
            // The capture thread ended: surface its reason, not the channel's.
            throw closed.InnerException as FrameSourceException ?? new FrameSourceException($"Capture of {Description} stopped.", closed);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping = true;

        // The thread releases the capture itself; releasing it here while it blocks in Read could crash.
        _thread?.Join(ThreadExitWait);
        while (_frames.Reader.TryRead(out var left))
        {
            left.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void CaptureLoop()
    {
        VideoCapture? capture = null;
        try
        {
            capture = Open();
            _opened.TrySetResult();
            var isFile = !string.IsNullOrWhiteSpace(camera.File);
            var interval = TimeSpan.FromSeconds(1 / camera.Fps);
            var clock = Stopwatch.StartNew();
            var due = TimeSpan.Zero;
            while (!_stopping)
            {
                while (_onCaptureThread.TryDequeue(out var work))
                {
                    work(capture);
                }

                var image = new Mat();
                if (!capture.Read(image) || image.Empty())
                {
                    image.Dispose();
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

                _frames.Writer.TryWrite(image);
            }

            _frames.Writer.TryComplete();
        }
        catch (Exception ex) when (ex is FrameSourceException or OpenCVException or OpenCvSharpException)
        {
            var failure = ex as FrameSourceException ?? new FrameSourceException($"OpenCV failed on {Description}: {Redaction.RedactText(ex.Message, camera)}", ex);
            _opened.TrySetException(failure);
            _frames.Writer.TryComplete(failure);
        }
        finally
        {
            capture?.Release();
            capture?.Dispose();
        }
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
