using Streaming.Motion;

namespace Dashboard.Motion.Components;

/// <summary>
/// The zone editor's working copy: the zones being edited and the polygon being drawn, in picture fractions (0-1).
/// Nothing is stored until the editor saves <see cref="ToZones"/>.
/// </summary>
public sealed class ZoneDrawing(IEnumerable<MotionZone> zones)
{
    /// <summary>Points closer than this (a fraction of the picture) to the last one are the same click (a double-click's clicks).</summary>
    public const double SamePoint = 0.005;

    public List<EditedZone> Zones { get; } = [.. zones.Select(z => new EditedZone { Name = z.Name, Mode = z.Mode, Points = [.. z.Points] })];

    /// <summary>The polygon being drawn (null when none is).</summary>
    public List<ZonePoint>? Drawing { get; private set; }

    public bool CanFinish => Drawing is { Count: >= 3 };

    public bool CanAddZone => Drawing is null && Zones.Count < MotionSettingsValidator.MaxZones;

    public void StartDrawing() => Drawing = CanAddZone ? [] : Drawing;

    public void CancelDrawing() => Drawing = null;

    /// <summary>Adds a corner to the polygon being drawn; false when none is drawn, it repeats the last one or the polygon is full.</summary>
    public bool Add(ZonePoint point)
    {
        if (Drawing is null || Drawing.Count >= MotionSettingsValidator.MaxPointsPerZone
            || (Drawing.Count > 0 && Distance(Drawing[^1], point) < SamePoint))
        {
            return false;
        }

        Drawing.Add(Clamp(point));
        return true;
    }

    /// <summary>Closes the polygon being drawn into a new zone (ignored by default, as a new zone most often hides a tree or a road).</summary>
    public EditedZone? Finish()
    {
        if (!CanFinish)
        {
            return null;
        }

        var zone = new EditedZone { Name = NewName(), Mode = MotionZoneMode.Ignore, Points = Drawing! };
        Zones.Add(zone);
        Drawing = null;
        return zone;
    }

    public void Move(int zone, int point, ZonePoint to)
    {
        var points = zone < 0 ? Drawing : Zones.ElementAtOrDefault(zone)?.Points;
        if (points is not null && point >= 0 && point < points.Count)
        {
            points[point] = Clamp(to);
        }
    }

    public void Remove(EditedZone zone) => Zones.Remove(zone);

    public IReadOnlyList<MotionZone> ToZones() =>
        [.. Zones.Select(z => new MotionZone { Name = z.Name.Trim(), Mode = z.Mode, Points = [.. z.Points] })];

    private string NewName()
    {
        var n = Zones.Count + 1;
        while (Zones.Any(z => z.Name == $"Zone {n}"))
        {
            n++;
        }

        return $"Zone {n}";
    }

    private static ZonePoint Clamp(ZonePoint p) => new(Math.Clamp(p.X, 0, 1), Math.Clamp(p.Y, 0, 1));

    private static double Distance(ZonePoint a, ZonePoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}

/// <summary>A zone while it is edited: its name and mode bound to the editor's fields.</summary>
public sealed class EditedZone
{
    public string Name { get; set; } = "";

    public MotionZoneMode Mode { get; set; } = MotionZoneMode.Ignore;

    public List<ZonePoint> Points { get; init; } = [];
}
