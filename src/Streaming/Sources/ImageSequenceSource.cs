using Streaming.Cameras;
using Streaming.Imaging;

namespace Streaming.Sources;

/// <summary>
/// The seed's emulated camera: loops over a folder of JPEG files at the configured rate. The files are
/// sent as they are (no decode, no re-encode), and kept in memory after the first pass unless the
/// folder is large, so a loop costs no disk reads or allocations.
/// </summary>
public sealed class ImageSequenceSource(CameraDefinition camera, TimeProvider time) : PacedFrameSource(camera.Fps, time)
{
    private const long MaxCachedBytes = 64 * 1024 * 1024;

    private IReadOnlyList<string> _files = [];
    private (byte[] Jpeg, int Width, int Height)?[] _cache = [];
    private long _cachedBytes;
    private int _next;

    protected override void Open()
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
    }

    protected override SourceFrame MakeFrame()
    {
        var index = _next;
        _next = (_next + 1) % _files.Count;
        var (jpeg, width, height) = _cache[index] ?? Load(index);
        return SourceFrame.FromJpeg(jpeg, width, height, Time.GetUtcNow());
    }

    /// <summary>Reads a file the first time round (a small, local read; later rounds come from memory).</summary>
    private (byte[] Jpeg, int Width, int Height) Load(int index)
    {
        var file = _files[index];
        byte[] jpeg;
        try
        {
            jpeg = File.ReadAllBytes(file);
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
}
