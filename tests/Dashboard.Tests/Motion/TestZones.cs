using Streaming.Motion;

namespace Dashboard.Tests.Motion;

/// <summary>The motion zones the component tests store on a camera: one of each mode, so a test can tell them apart.</summary>
internal static class TestZones
{
    /// <summary>An include zone over the lower middle of the picture.</summary>
    public static readonly MotionZone Driveway = Triangle("Driveway", MotionZoneMode.Include, new(0.1, 0.5), new(0.6, 0.5), new(0.6, 0.9));

    /// <summary>An ignore zone in the top right corner (a tree moving in the wind).</summary>
    public static readonly MotionZone Tree = Triangle("Tree", MotionZoneMode.Ignore, new(0.7, 0.1), new(0.9, 0.1), new(0.9, 0.4));

    private static MotionZone Triangle(string name, MotionZoneMode mode, ZonePoint a, ZonePoint b, ZonePoint c) =>
        new() { Name = name, Mode = mode, Points = [a, b, c] };
}
