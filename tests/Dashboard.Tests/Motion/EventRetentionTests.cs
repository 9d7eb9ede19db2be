using Dashboard.Motion;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

public sealed class EventRetentionTests(StoredClipApp fixture) : IClassFixture<StoredClipApp>
{
    private readonly DashboardApp _app = fixture.App;

    private async Task<MotionEvent> StoreAsync(TimeSpan ago, bool thumbnail)
    {
        var start = DateTimeOffset.UtcNow - ago;
        var motionEvent = MotionAlertsHost.Notice(MotionNoticeKind.Ended, start, start.AddSeconds(4)).Event with
        {
            CameraId = StoredClipApp.CameraId,
            ClipFile = null,
            ThumbnailFile = thumbnail ? "thumbnail.jpg" : null,
        };
        if (thumbnail)
        {
            var storage = _app.Services.GetRequiredService<ClipStorage>();
            await File.WriteAllBytesAsync(storage.ThumbnailPath(motionEvent.CameraId, motionEvent.Id), StoredClip.Frame(1));
        }

        await _app.Services.GetRequiredService<MotionEventStore>().HandleAsync(new MotionNotice(MotionNoticeKind.Ended, motionEvent), CancellationToken.None);
        return motionEvent;
    }

    [Fact]
    public async Task RetentionDeletesEventsOlderThanTheMaximumAgeEvenWhenTheyHaveNoFiles()
    {
        var store = _app.Services.GetRequiredService<MotionEventStore>();
        var storage = _app.Services.GetRequiredService<ClipStorage>();
        var noFiles = await StoreAsync(TimeSpan.FromDays(40), thumbnail: false);
        var thumbnailOnly = await StoreAsync(TimeSpan.FromDays(31), thumbnail: true);
        var recent = await StoreAsync(TimeSpan.FromDays(29), thumbnail: false);

        var (clips, events) = await _app.Services.GetRequiredService<ClipRetentionService>().RunOnceAsync(CancellationToken.None);

        Assert.Equal([thumbnailOnly.Id], clips.Select(c => c.EventId));
        Assert.Equal(1, events);
        await Eventually.HoldsAsync(async () => await store.FindAsync(StoredClipApp.CameraId, noFiles.Id, CancellationToken.None) is null, "the old event without files is gone");
        await Eventually.HoldsAsync(async () => await store.FindAsync(StoredClipApp.CameraId, thumbnailOnly.Id, CancellationToken.None) is null, "the old event with only a thumbnail is gone");
        Assert.False(File.Exists(storage.ThumbnailPath(thumbnailOnly.CameraId, thumbnailOnly.Id)));
        Assert.NotNull(await store.FindAsync(StoredClipApp.CameraId, recent.Id, CancellationToken.None));
        Assert.NotNull(await store.FindAsync(StoredClipApp.CameraId, fixture.Clip.Event.Id, CancellationToken.None));
    }
}
