using Streaming.Cameras;
using Streaming.Imaging;

namespace Streaming.Sources;

/// <summary>
/// The seed's emulated camera: loops over a folder of JPEG files at the configured rate. The files are
/// sent as they are (no decode, no re-encode).
/// </summary>
public sealed class ImageSequenceSource(CameraDefinition camera, TimeProvider time) : IFrameSource
{
    private IReadOnlyList<string> _files = [];
    private PeriodicTimer? _pace;
    private int _next;

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        var folder = CameraDefinitionValidator.ResolveFolder(camera);
        if (!Directory.Exists(folder))
        {
            throw new FrameSourceException($"Folder '{folder}' does not exist.");
        }

        _files = CameraDefinitionValidator.ListJpegFiles(folder);
        if (_files.Count == 0)
        {
            throw new FrameSourceException($"Folder '{folder}' holds no .jpg or .jpeg files.");
        }

        _pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / camera.Fps), time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        if (_pace is null)
        {
            throw new InvalidOperationException("The source is not open.");
        }

        await _pace.WaitForNextTickAsync(cancellationToken);
        var file = _files[_next];
        _next = (_next + 1) % _files.Count;
        byte[] jpeg;
        try
        {
            jpeg = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new FrameSourceException($"Could not read '{file}': {ex.Message}", ex);
        }

        if (!JpegInfo.TryReadSize(jpeg, out var width, out var height))
        {
            throw new FrameSourceException($"'{file}' is not a JPEG image.");
        }

        return SourceFrame.FromJpeg(jpeg, width, height, time.GetUtcNow());
    }

    public ValueTask DisposeAsync()
    {
        _pace?.Dispose();
        return ValueTask.CompletedTask;
    }
}
