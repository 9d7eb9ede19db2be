namespace Streaming.Motion;

/// <summary>Checks a camera's motion settings; each problem is a sentence naming the setting.</summary>
public static class MotionSettingsValidator
{
    public const int MaxZones = 16;
    public const int MaxPointsPerZone = 32;
    public const int MaxZoneNameLength = 50;

    public static IReadOnlyList<string> Validate(MotionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        if (settings.Sensitivity is < 1 or > 100)
        {
            problems.Add($"Motion sensitivity must be 1-100 (got {settings.Sensitivity}).");
        }

        if (!(settings.MinimumArea >= 0.01 && settings.MinimumArea <= 100))
        {
            problems.Add($"Motion minimum area must be 0.01-100 % of the picture (got {settings.MinimumArea}).");
        }

        if (settings.Zones.Count > MaxZones)
        {
            problems.Add($"At most {MaxZones} motion zones (got {settings.Zones.Count}).");
        }

        for (var i = 0; i < settings.Zones.Count; i++)
        {
            var zone = settings.Zones[i];
            var label = string.IsNullOrWhiteSpace(zone.Name) ? $"Motion zone {i + 1}" : $"Motion zone '{zone.Name}'";
            if (zone.Name.Length > MaxZoneNameLength)
            {
                problems.Add($"Motion zone {i + 1}: the name must be at most {MaxZoneNameLength} characters.");
            }

            if (!Enum.IsDefined(zone.Mode))
            {
                problems.Add($"{label}: the mode must be Include or Ignore.");
            }

            if (zone.Points.Count is < 3 or > MaxPointsPerZone)
            {
                problems.Add($"{label} needs 3-{MaxPointsPerZone} points (got {zone.Points.Count}).");
            }

            if (zone.Points.Any(p => !(p.X is >= 0 and <= 1) || !(p.Y is >= 0 and <= 1)))
            {
                problems.Add($"{label}: every point must lie on the picture (x and y from 0 to 1).");
            }
        }

        return problems;
    }
}
