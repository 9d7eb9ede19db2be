using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Motion;

/// <summary>Applies <see cref="ClipRetention"/> to the clip folder every <see cref="MotionOptions.RetentionInterval"/>.</summary>
internal sealed partial class ClipRetentionService(ClipStorage storage, MotionService motion, IOptions<MotionOptions> options, TimeProvider time, ILogger<ClipRetentionService> logger)
    : BackgroundService
{
    /// <summary>Deletes what the limits say, oldest first; returns what it deleted.</summary>
    public IReadOnlyList<StoredClip> RunOnce()
    {
        var gone = ClipRetention.SelectForDeletion(storage.List(), time.GetUtcNow(), options.Value);
        foreach (var clip in gone)
        {
            motion.Delete(new MotionEvent { Id = clip.EventId, CameraId = clip.CameraId, Start = clip.Start });
        }

        if (gone.Count > 0)
        {
            LogDeleted(logger, gone.Count, gone.Sum(c => c.Bytes));
        }

        return gone;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        do
        {
            try
            {
                RunOnce();
            }
            catch (IOException e)
            {
                LogFailed(logger, e);
            }
            catch (UnauthorizedAccessException e)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} motion clips ({Bytes} bytes), oldest first")]
    private static partial void LogDeleted(ILogger logger, int count, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clip retention failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
