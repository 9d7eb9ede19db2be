using Streaming.Cameras;
using Streaming.Imaging;

namespace Streaming.Sources;

/// <summary>
/// The seed's emulated camera: loops over a folder of JPEG files at the configured rate. The files are
/// sent as they are (no decode, no re-encode), and kept in memory after the first pass unless the
/// folder is large, so a loop costs no disk reads or allocations.
/// </summary>
public sealed class ImageSequenceSource(CameraDefinition camera, TimeProvider time) : IFrameSource
{
    private const long MaxCachedBytes = 64 * 1024 * 1024;

    private IReadOnlyList<string> _files = [];
    private (byte[] Jpeg, int Width, int Height)?[] _cache = [];
    private long _cachedBytes;
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

        _cache = new (byte[], int, int)?[_files.Count];
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
        var index = _next;
        _next = (_next + 1) % _files.Count;
        var (jpeg, width, height) = _cache[index] ?? await LoadAsync(index, cancellationToken);
        return SourceFrame.FromJpeg(jpeg, width, height, time.GetUtcNow());
    }

    private async Task<(byte[] Jpeg, int Width, int Height)> LoadAsync(int index, CancellationToken cancellationToken)
    {
        var file = _files[index];
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

        if (_cachedBytes + jpeg.Length <= MaxCachedBytes)
        {
            _cachedBytes += jpeg.Length;
            _cache[index] = (jpeg, width, height);
        }

        return (jpeg, width, height);
    }

    public ValueTask DisposeAsync()
    {
        _pace?.Dispose();
        return ValueTask.CompletedTask;
    }
}
