using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Motion;

/// <summary>
/// Applies <see cref="ClipRetention"/> to the clip folder every <see cref="MotionOptions.RetentionInterval"/>, then the
/// age rule to the stored events that have no files left (<see cref="IMotionEventHistory"/>, when the app keeps events).
/// </summary>
internal sealed partial class ClipRetentionService(
    ClipStorage storage, MotionService motion, IOptions<MotionOptions> options, TimeProvider time, ILogger<ClipRetentionService> logger, IEnumerable<IMotionEventHistory> histories)
    : BackgroundService
{
    /// <summary>Old events without files deleted per run; the rest go in the next runs.</summary>
    internal const int MaxEventsPerRun = 1000;

    /// <summary>Deletes what the limits say, oldest first; returns the clips it deleted and how many events without files.</summary>
    public async Task<(IReadOnlyList<StoredClip> Clips, int Events)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var gone = ClipRetention.SelectForDeletion(storage.List(), now, options.Value);
        foreach (var clip in gone)
        {
            motion.Delete(new MotionEvent { Id = clip.EventId, CameraId = clip.CameraId, Start = clip.Start });
        }

        if (gone.Count > 0)
        {
            LogDeleted(logger, gone.Count, gone.Sum(c => c.Bytes));
        }

        // The same age rule for stored events: deleting goes the one way (files, then the sinks, which drop the row).
        var deletedIds = gone.Select(c => c.EventId).ToHashSet();
        var events = 0;
        foreach (var history in histories)
        {
            foreach (var old in await history.StartedBeforeAsync(now - options.Value.MaxAge, MaxEventsPerRun, cancellationToken))
            {
                if (deletedIds.Add(old.Id))
                {
                    motion.Delete(old);
                    events++;
                }
            }
        }

        if (events > 0)
        {
            LogEventsDeleted(logger, events, options.Value.MaxAge);
        }

        return (gone, events);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (IOException e)
            {
                LogFailed(logger, e);
            }
            catch (UnauthorizedAccessException e)
            {
                LogFailed(logger, e);
            }
            catch (DbException e)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} motion clips ({Bytes} bytes), oldest first")]
    private static partial void LogDeleted(ILogger logger, int count, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} motion events older than {MaxAge} whose files were already gone")]
    private static partial void LogEventsDeleted(ILogger logger, int count, TimeSpan maxAge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clip retention failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
