using Streaming.Motion;

namespace Streaming.Tests.Motion;

public sealed class ClipRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("retention-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static StoredClip Clip(string camera, double hoursAgo, long bytes) =>
        new(camera, Guid.CreateVersion7(Now.AddHours(-hoursAgo)), Now.AddHours(-hoursAgo), bytes);

    private static MotionOptions Limits(long perCamera = 1L << 40, long total = 1L << 40, double maxAgeHours = 24 * 365) =>
        new() { MaxBytesPerCamera = perCamera, MaxBytesTotal = total, MaxAge = TimeSpan.FromHours(maxAgeHours) };

    [Fact]
    public void OverTheCamerasLimitTheOldestClipsOfThatCameraGoFirst()
    {
        var porch = new[] { Clip("porch", 5, 400), Clip("porch", 3, 400), Clip("porch", 1, 400) };
        var drive = Clip("drive", 10, 400);

        var gone = ClipRetention.SelectForDeletion([porch[2], drive, porch[0], porch[1]], Now, Limits(perCamera: 1000));

        Assert.Equal([porch[0]], gone);
    }

    [Fact]
    public void OverTheTotalTheOldestClipsOfAllCamerasGoFirst()
    {
        var clips = new[] { Clip("a", 1, 300), Clip("b", 4, 300), Clip("a", 6, 300), Clip("b", 2, 300) };

        var gone = ClipRetention.SelectForDeletion(clips, Now, Limits(total: 700));

        Assert.Equal([clips[2], clips[1]], gone);
    }

    [Fact]
    public void ClipsOlderThanTheMaximumAgeGoWhateverTheirSize()
    {
        var clips = new[] { Clip("a", 30, 1), Clip("a", 1, 1), Clip("b", 25, 1) };

        var gone = ClipRetention.SelectForDeletion(clips, Now, Limits(maxAgeHours: 24));

        Assert.Equal([clips[0], clips[2]], gone);
    }

    [Fact]
    public void TheClipFolderListsEventsOldestFirstWithTheSizeOfClipAndThumbnail()
    {
        var storage = new ClipStorage(new MotionOptions { ClipDirectory = _folder });
        var older = Guid.CreateVersion7(Now.AddMinutes(-10));
        var newer = Guid.CreateVersion7(Now.AddMinutes(-1));
        Directory.CreateDirectory(storage.CameraFolder("porch"));
        File.WriteAllBytes(storage.ClipPath("porch", newer), new byte[300]);
        File.WriteAllBytes(storage.ClipPath("porch", older), new byte[100]);
        File.WriteAllBytes(storage.ThumbnailPath("porch", older), new byte[20]);

        var listed = storage.List();

        Assert.Equal([older, newer], listed.Select(c => c.EventId));
        Assert.Equal([120L, 300L], listed.Select(c => c.Bytes));
        Assert.Equal(Now.AddMinutes(-10).ToUnixTimeMilliseconds(), listed[0].Start.ToUnixTimeMilliseconds());
        Assert.True(storage.Delete("porch", older));
        Assert.False(File.Exists(storage.ThumbnailPath("porch", older)));
    }
}
