namespace Streaming.Motion;

/// <summary>
/// A camera's motion detection (off by default): how small a change counts and where it counts.
/// Part of the camera's definition; changes apply on the fly.
/// </summary>
public sealed record MotionSettings
{
    public const int DefaultSensitivity = 50;
    public const double DefaultMinimumArea = 1.0;

    public static MotionSettings Off { get; } = new();

    public bool Enabled { get; init; }

    /// <summary>1-100: higher counts smaller brightness changes of a pixel as motion.</summary>
    public int Sensitivity { get; init; } = DefaultSensitivity;

    /// <summary>Percent (0.01-100) of the watched picture that must change before it counts as motion.</summary>
    public double MinimumArea { get; init; } = DefaultMinimumArea;

    /// <summary>
    /// Polygons in picture coordinates (0-1). With any <see cref="MotionZoneMode.Include"/> zone only those areas
    /// count; <see cref="MotionZoneMode.Ignore"/> zones never count.
    /// </summary>
    public IReadOnlyList<MotionZone> Zones { get; init; } = [];

    public bool Equals(MotionSettings? other) =>
        other is not null && Enabled == other.Enabled && Sensitivity == other.Sensitivity
        && MinimumArea.Equals(other.MinimumArea) && Zones.SequenceEqual(other.Zones);

    public override int GetHashCode() => HashCode.Combine(Enabled, Sensitivity, MinimumArea, Zones.Count);
}

/// <summary>Whether motion inside a zone counts or is ignored.</summary>
public enum MotionZoneMode
{
    Include,
    Ignore,
}

/// <summary>One polygon of at least three points, each 0-1 of the picture's width and height.</summary>
public sealed record MotionZone
{
    public string Name { get; init; } = "";

    public MotionZoneMode Mode { get; init; } = MotionZoneMode.Ignore;

    public IReadOnlyList<ZonePoint> Points { get; init; } = [];

    public bool Equals(MotionZone? other) =>
        other is not null && Name == other.Name && Mode == other.Mode && Points.SequenceEqual(other.Points);

    public override int GetHashCode() => HashCode.Combine(Name, Mode, Points.Count);
}

/// <summary>A point of a zone as a fraction of the picture (0,0 top left; 1,1 bottom right).</summary>
public readonly record struct ZonePoint(double X, double Y);
