using OpenCvSharp;
using Streaming.Motion;

namespace Streaming.Tests.Motion;

public sealed class MotionEventTests
{
    private static readonly Rect2d Box = new(0.55, 0.2, 0.3, 0.5);

    [Fact]
    public async Task ASquareMovingForThreeSecondsGivesOneEventThatStartsAndEndsWithinHalfASecondOfIt()
    {
        var scene = new SyntheticScene(Seconds: 14, MoveFrom: 4, MoveTo: 7, Box);
        await using var rig = new MotionRig();

        await rig.PlayAsync(scene.Render());

        var started = Assert.Single(rig.Started);
        var ended = Assert.Single(rig.Ended);
        Assert.Equal(started.Id, ended.Id);
        Assert.InRange((ended.Start - SyntheticScene.At(4)).TotalSeconds, -0.5, 0.5);
        Assert.InRange((ended.End!.Value - SyntheticScene.At(7)).TotalSeconds, -0.5, 0.5);
        Assert.True(ended.PeakScore >= 1, $"peak score {ended.PeakScore}");
        Assert.NotNull(ended.ThumbnailFile);
        Assert.True(File.Exists(Path.Combine(rig.Storage.CameraFolder("cam"), ended.ThumbnailFile)));
    }

    [Fact]
    public async Task MotionOnlyInsideAnIgnoredZoneGivesNoEvent()
    {
        var scene = new SyntheticScene(Seconds: 10, MoveFrom: 2, MoveTo: 5, Box);
        var ignored = new MotionZone
        {
            Name = "tree",
            Mode = MotionZoneMode.Ignore,
            Points = [new(0.5, 0.1), new(0.9, 0.1), new(0.9, 0.8), new(0.5, 0.8)],
        };
        await using var rig = new MotionRig(new MotionSettings { Enabled = true, Zones = [ignored] });

        await rig.PlayAsync(scene.Render());
        await rig.StopAsync();

        Assert.Empty(rig.Notices);
        Assert.DoesNotContain(rig.Statuses, s => s.Moving);
    }

    [Fact]
    public async Task MotionOutsideTheOnlyIncludedZoneGivesNoEventButInsideItDoes()
    {
        var scene = new SyntheticScene(Seconds: 10, MoveFrom: 2, MoveTo: 5, Box);
        MotionZone Include(double x) => new() { Mode = MotionZoneMode.Include, Points = [new(x, 0), new(x + 0.4, 0), new(x + 0.4, 1), new(x, 1)] };
        await using var elsewhere = new MotionRig(new MotionSettings { Enabled = true, Zones = [Include(0)] });
        await using var there = new MotionRig(new MotionSettings { Enabled = true, Zones = [Include(0.5)] });

        var frames = scene.Render();
        await elsewhere.PlayAsync(frames);
        await there.PlayAsync(frames);
        await elsewhere.StopAsync();
        await there.StopAsync();

        Assert.Empty(elsewhere.Notices);
        Assert.Single(there.Ended);
    }

    [Fact]
    public async Task TheLiveStatusOutlinesTheMovingSquareWhileItMoves()
    {
        var scene = new SyntheticScene(Seconds: 6, MoveFrom: 2, MoveTo: 6, Box);
        await using var rig = new MotionRig();

        await rig.PlayAsync(scene.Render());

        var status = rig.Status;
        Assert.True(status.Moving);
        Assert.True(status.Active);
        var region = status.Region!;
        Assert.InRange(region.X, Box.X - 0.05, Box.X + Box.Width);
        Assert.InRange(region.Y, Box.Y - 0.05, Box.Y + Box.Height);
        Assert.True(region.X + region.Width <= Box.X + Box.Width + 0.05, $"region {region}");
        Assert.True(region.Y + region.Height <= Box.Y + Box.Height + 0.05, $"region {region}");
    }

    [Fact]
    public async Task AStillSceneWithSensorNoiseGivesNoEvent()
    {
        var scene = new SyntheticScene(Seconds: 8, MoveFrom: 99, MoveTo: 99, Box);
        await using var rig = new MotionRig(new MotionSettings { Enabled = true, Sensitivity = 90 });

        await rig.PlayAsync(scene.Render());
        await rig.StopAsync();

        Assert.Empty(rig.Notices);
    }

    [Fact]
    public async Task ADiskShortOfSpacePausesRecordingWithAWarningButEventsGoOn()
    {
        var scene = new SyntheticScene(Seconds: 14, MoveFrom: 4, MoveTo: 7, Box);
        await using var rig = new MotionRig(configure: o => o.MinFreeBytes = long.MaxValue);

        await rig.PlayAsync(scene.Render());

        var ended = Assert.Single(rig.Ended);
        Assert.Null(ended.ClipFile);
        Assert.Null(Assert.Single(rig.Started).ClipFile);
        Assert.StartsWith("Recording paused", rig.Status.RecordingWarning, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(rig.Folder, "*.avi", SearchOption.AllDirectories));
    }
}
