using Streaming.Avi;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Sources;

/// <summary>
/// An MJPEG .avi file played by the app itself, without OpenCV (so a Raspberry Pi build without OpenCV plays it too):
/// each frame is read from where it lies in the file straight into a pooled array every viewer then shares, and passed
/// on byte for byte at the camera's Fps. Through OpenCV the same frame went through FFmpeg's I/O buffer, its packet,
/// a <c>Mat</c> and a copy, 1.5x the cost of a frame from memory (docs/benchmarks.md, "Capture cost"). Other codecs
/// and containers stay with <see cref="OpenCvCaptureSource"/>.
/// </summary>
public sealed class MjpegAviSource(CameraDefinition camera, TimeProvider time) : IFrameSource
{
    private MjpegAviReader? _reader;
    private FramePacer? _pace;
    private int _next;

    /// <summary>Whether the camera's file is an AVI whose video is MJPEG (its headers are read; false for any other file, or none).</summary>
    public static bool CanPlay(CameraDefinition camera) =>
        camera is { File: { Length: > 0 } file } && MjpegFourCc.Is(MjpegAviReader.ReadVideoCodec(file));

    private string File => camera.File!;

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        MjpegAviReader reader;
        try
        {
            reader = MjpegAviReader.Open(File, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new FrameSourceException($"Could not read the video file '{File}': {ex.Message}", ex);
        }

        if (reader.Frames.Count == 0)
        {
            reader.Dispose();
            throw new FrameSourceException($"The video file '{File}' holds no frames.");
        }

        _reader = reader;
        _pace = new FramePacer(camera.Fps, time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        await Pace.WaitAsync(cancellationToken);
        return NextFrame(cancellationToken);
    }

    public SourceFrame ReadFrame(CancellationToken cancellationToken)
    {
        Pace.Wait(cancellationToken);
        return NextFrame(cancellationToken);
    }

    public ValueTask DisposeAsync() => _reader?.DisposeAsync() ?? ValueTask.CompletedTask;

    private FramePacer Pace => _pace ?? throw new InvalidOperationException("The source is not open.");

    /// <summary>The next frame that is a JPEG (a damaged one is skipped, as OpenCV's path skips it); at the end, the first again if the camera loops.</summary>
    private SourceFrame NextFrame(CancellationToken cancellationToken)
    {
        var reader = _reader ?? throw new InvalidOperationException("The source is not open.");
        for (var tried = 0; tried < reader.Frames.Count; tried++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_next == reader.Frames.Count)
            {
                _next = camera.Loop ? 0 : throw new FrameSourceEndedException($"The video file '{File}' ended (Loop is off).");
            }

            var clipFrame = reader.Frames[_next++];
            var rented = FramePool.Rent(clipFrame.Length);
            try
            {
                reader.Read(clipFrame, rented);
            }
            catch (IOException ex)
            {
                FramePool.Return(rented);
                throw new FrameSourceException($"Could not read the video file '{File}': {ex.Message}", ex);
            }

            if (SourceFrame.FromPoolUnlessDamaged(rented, clipFrame.Length, time.GetUtcNow()) is { } frame)
            {
                return frame;
            }
        }

        throw new FrameSourceException($"The video file '{File}' holds no JPEG frames.");
    }
}
