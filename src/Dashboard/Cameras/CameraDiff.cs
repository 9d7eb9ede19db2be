using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Motion;

namespace Dashboard.Cameras;

/// <summary>
/// Describes what changed between two versions of a camera, for the audit log. Every setting of
/// <see cref="CameraDefinition"/> is compared (a nested value such as <see cref="ImageAdjustments"/> setting by
/// setting), so a new setting is logged without being listed here. Credentials are compared as shown
/// (<see cref="CameraCredentials.Mask"/>): a change only to a secret is named, not shown.
/// </summary>
public static class CameraDiff
{
    public const string NoChange = "no change";

    /// <summary>Labels that are not the property's name in words (older entries of the log use them).</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [nameof(CameraDefinition.JpegQuality)] = "JPEG quality",
        [nameof(CameraDefinition.Enabled)] = "Running",
        [nameof(ImageAdjustments.Overlay)] = "Caption",
        [nameof(ImageAdjustments.OverlayScale)] = "Caption size",
    };

    public static string Describe(CameraDefinition before, CameraDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        Compare(changes, null, before, after, CameraCredentials.Mask(before), CameraCredentials.Mask(after));
        return changes.Count == 0 ? NoChange : string.Join("; ", changes);
    }

    /// <summary>The settings of a new or removed camera, in one line.</summary>
    public static string Summarize(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return $"{camera.Kind} {camera.Width}x{camera.Height} at {camera.Fps.ToString(CultureInfo.InvariantCulture)} fps";
    }

    private static void Compare(List<string> changes, string? parent, object before, object after, object beforeShown, object afterShown)
    {
        foreach (var setting in Settings(before.GetType()))
        {
            var name = setting.Name;
            var (old, now) = (setting.GetValue(before), setting.GetValue(after));
            if (name is nameof(CameraDefinition.Id) or nameof(CameraDefinition.Height) && parent is null)
            {
                continue;
            }

            if (name == nameof(CameraDefinition.Width) && parent is null)
            {
                var (b, a) = ((CameraDefinition)before, (CameraDefinition)after);
                Add(changes, "Size", $"{b.Width}x{b.Height}", $"{a.Width}x{a.Height}");
            }
            else if (old is IReadOnlyDictionary<string, double> oldValues && now is IReadOnlyDictionary<string, double> newValues)
            {
                // Device controls, one entry per control.
                foreach (var key in oldValues.Keys.Union(newValues.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
                {
                    Add(changes, $"Device {key}", oldValues.TryGetValue(key, out var o) ? o : null, newValues.TryGetValue(key, out var n) ? n : null);
                }
            }
            else if (IsNested(setting.PropertyType) && old is not null && now is not null)
            {
                // Image adjustments keep their own names; other nested settings are prefixed with theirs.
                var prefix = setting.PropertyType == typeof(ImageAdjustments) ? null : Label(name);
                Compare(changes, prefix, old, now, setting.GetValue(beforeShown)!, setting.GetValue(afterShown)!);
            }
            else
            {
                // The labels above name top-level settings ("Running"); a nested setting keeps its own words ("Motion enabled").
                var label = parent is null ? Label(name) : $"{parent} {Words(name).ToLowerInvariant()}";
                var (oldShown, nowShown) = (Show(setting.GetValue(beforeShown)), Show(setting.GetValue(afterShown)));
                if (oldShown != nowShown)
                {
                    changes.Add($"{label}: {oldShown} -> {nowShown}");
                }
                else if (Show(old) != Show(now))
                {
                    changes.Add($"{label}: credentials changed");
                }
                else if (old is IEnumerable<MotionZone> oldZones && now is IEnumerable<MotionZone> newZones && !oldZones.SequenceEqual(newZones))
                {
                    // A zone is shown by its name, mode and number of points: dragging a point changes none of them.
                    changes.Add($"{label}: points moved");
                }
            }
        }
    }

    private static void Add(List<string> changes, string label, object? old, object? now)
    {
        if (Show(old) is var oldShown && Show(now) is var nowShown && oldShown != nowShown)
        {
            changes.Add($"{label}: {oldShown} -> {nowShown}");
        }
    }

    /// <summary>The settings of a definition or a nested value: its public properties that can be set.</summary>
    private static IEnumerable<PropertyInfo> Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    /// <summary>A record holding settings of its own (not a string, a list or a dictionary).</summary>
    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>"FlipHorizontal" as "Flip horizontal", unless <see cref="Labels"/> names it.</summary>
    private static string Label(string name) => Labels.TryGetValue(name, out var label) ? label : Words(name);

    private static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            words.Append(words.Length > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : c);
        }

        return words.ToString();
    }

    private static string Show(object? value) => value switch
    {
        null => "none",
        string { Length: 0 } => "none",
        string text => text,
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        bool b => b ? "on" : "off",
        Rotation r => ((int)r).ToString(CultureInfo.InvariantCulture),
        MotionZone zone => $"{(zone.Name.Length > 0 ? zone.Name : "unnamed")} ({zone.Mode.ToString().ToLowerInvariant()}, {zone.Points.Count} points)",
        IEnumerable<MotionZone> zones => string.Join(", ", zones.Select(Show)) is { Length: > 0 } joined ? joined : "none",
        IEnumerable items => string.Join(' ', items.Cast<object?>().Select(Show)) is { Length: > 0 } joined ? joined : "none",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
