using Streaming.Cameras;
using Streaming.Motion;

namespace Streaming.Tests.Motion;

public sealed class MotionSettingsTests
{
    private static ConfiguredCamera Read(params (string Key, string Value)[] settings) =>
        CameraConfigurationReader.Read(TestConfiguration.From(settings.Select(s => ($"Cameras:0:{s.Key}", s.Value)).Append(("Cameras:0:Id", "porch")))).Single();

    [Fact]
    public void TheConfigurationFileSetsMotionWithZones()
    {
        var camera = Read(
            ("Motion:Enabled", "true"), ("Motion:Sensitivity", "70"), ("Motion:MinimumArea", "0.5"),
            ("Motion:Zones:0:Name", "street"), ("Motion:Zones:0:Mode", "Ignore"),
            ("Motion:Zones:0:Points:0:X", "0"), ("Motion:Zones:0:Points:0:Y", "0"),
            ("Motion:Zones:0:Points:1:X", "1"), ("Motion:Zones:0:Points:1:Y", "0"),
            ("Motion:Zones:0:Points:2:X", "1"), ("Motion:Zones:0:Points:2:Y", "0.25"));

        Assert.Empty(camera.Problems);
        var motion = camera.Definition.Motion;
        Assert.True(motion.Enabled);
        Assert.Equal(70, motion.Sensitivity);
        Assert.Equal(0.5, motion.MinimumArea);
        var zone = Assert.Single(motion.Zones);
        Assert.Equal(MotionZoneMode.Ignore, zone.Mode);
        Assert.Equal([new ZonePoint(0, 0), new ZonePoint(1, 0), new ZonePoint(1, 0.25)], zone.Points);
    }

    [Fact]
    public void BadMotionSettingsAreTheCamerasProblemsNamingTheSetting()
    {
        var camera = Read(
            ("Motion:Enabled", "yes"), ("Motion:Sensitivity", "0"), ("Motion:MinimumArea", "200"),
            ("Motion:Zones:0:Points:0:X", "0.5"), ("Motion:Zones:0:Points:0:Y", "2"));

        Assert.Contains(camera.Problems, p => p.Message.Contains("'yes' is not true or false", StringComparison.Ordinal));
        Assert.Contains(camera.Problems, p => p.Setting == "Motion" && p.Message.Contains("sensitivity must be 1-100", StringComparison.Ordinal));
        Assert.Contains(camera.Problems, p => p.Setting == "Motion" && p.Message.Contains("minimum area", StringComparison.Ordinal));
        Assert.Contains(camera.Problems, p => p.Setting == "Motion" && p.Message.Contains("needs 3-32 points", StringComparison.Ordinal));
        Assert.Contains(camera.Problems, p => p.Setting == "Motion" && p.Message.Contains("every point must lie on the picture", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangingMotionSettingsIsALiveChangeThatKeepsTheSourceOpen()
    {
        var before = new CameraDefinition { Id = "porch" };
        var after = before with { Motion = new MotionSettings { Enabled = true, Zones = [new MotionZone { Points = [new(0, 0), new(1, 0), new(1, 1)] }] } };

        Assert.NotEqual(before, after);
        Assert.True(before.DiffersOnlyLive(after));
        Assert.Equal(after, after with { Motion = after.Motion with { Zones = [.. after.Motion.Zones] } });
    }
}
