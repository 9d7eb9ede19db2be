using Streaming.Avi;
using Streaming.Broadcasting;

namespace Streaming.Motion;

/// <summary>
/// Writes one camera's clip at a time: the pre-buffer first, then every frame until the clip is finished.
/// A disk short of space (or a write that fails) pauses recording with a warning instead of failing anything
/// else; the next event tries again. Not thread-safe: driven by the camera's motion loop.
/// </summary>
internal sealed class ClipRecorder(ClipStorage storage, MotionOptions options)
{
    private MjpegAviWriter? _writer;
    private string? _path;
    private DateTimeOffset _firstFrame;
    private DateTimeOffset _nextSpaceCheck;

    /// <summary>Why recording is paused, or null.</summary>
    public string? Warning { get; private set; }

    public bool IsRecording => _writer is not null;

    /// <summary>Starts the clip of <paramref name="eventId"/> with <paramref name="frames"/> (oldest first); false when paused.</summary>
    public async Task<bool> StartAsync(string cameraId, Guid eventId, IReadOnlyList<JpegFrame> frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0 || (Warning = storage.SpaceWarning()) is not null)
        {
            return false;
        }

        try
        {
            Directory.CreateDirectory(storage.CameraFolder(cameraId));
            _path = storage.ClipPath(cameraId, eventId);
            var first = frames[0];
            _firstFrame = first.CapturedAt;
            _nextSpaceCheck = first.CapturedAt + TimeSpan.FromSeconds(1);
            _writer = await MjpegAviWriter.CreateAsync(_path, first.Width, first.Height, first.CapturedAt, cancellationToken);
            foreach (var frame in frames)
            {
                await _writer.WriteAsync(frame.Data, frame.CapturedAt, cancellationToken);
            }

            return true;
        }
        catch (IOException e)
        {
            await PauseAsync($"Recording paused: writing a clip failed ({e.Message}). Live viewing goes on.");
            return false;
        }
    }

    /// <summary>Appends a frame to the open clip; a clip that reached its longest or largest is finished instead.</summary>
    public async Task<ClipResult?> AppendAsync(JpegFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_writer is null)
        {
            return null;
        }

        try
        {
            if (frame.CapturedAt >= _nextSpaceCheck)
            {
                _nextSpaceCheck = frame.CapturedAt + TimeSpan.FromSeconds(1);
                if (storage.SpaceWarning() is { } warning)
                {
                    var kept = await FinishAsync(cancellationToken);
                    Warning = warning;
                    return kept;
                }
            }

            if (frame.CapturedAt - _firstFrame > options.MaxClipDuration || !await _writer.WriteAsync(frame.Data, frame.CapturedAt, cancellationToken))
            {
                return await FinishAsync(cancellationToken);
            }

            return null;
        }
        catch (IOException e)
        {
            await PauseAsync($"Recording paused: writing a clip failed ({e.Message}). Live viewing goes on.");
            return null;
        }
    }

    /// <summary>Completes the open clip; its file name, size and frame count (null when none was open).</summary>
    public async Task<ClipResult?> FinishAsync(CancellationToken cancellationToken)
    {
        if (_writer is not { } writer)
        {
            return null;
        }

        _writer = null;
        try
        {
            await writer.FinishAsync(cancellationToken);
            await writer.DisposeAsync();
            return new ClipResult(Path.GetFileName(_path!), writer.Length, writer.Frames);
        }
        catch (IOException e)
        {
            await writer.DisposeAsync();
            DeletePartial();
            Warning = $"Recording paused: finishing a clip failed ({e.Message}). Live viewing goes on.";
            return null;
        }
    }

    private async Task PauseAsync(string warning)
    {
        Warning = warning;
        if (_writer is { } writer)
        {
            _writer = null;
            await writer.DisposeAsync();
        }

        DeletePartial();
    }

    private void DeletePartial()
    {
        try
        {
            if (_path is not null)
            {
                File.Delete(_path);
            }
        }
        catch (IOException)
        {
            // Retention removes it later; recording is paused either way.
        }
    }
}

/// <summary>A finished clip: its file name in the camera's folder, its size and its JPEG frames.</summary>
internal sealed record ClipResult(string FileName, long Bytes, int Frames);
