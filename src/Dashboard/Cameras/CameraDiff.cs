using System.Globalization;
using Streaming.Cameras;
using Streaming.Imaging;

namespace Dashboard.Cameras;

/// <summary>Describes what changed between two versions of a camera, for the audit log (credentials masked).</summary>
public static class CameraDiff
{
    public const string NoChange = "no change";

    public static string Describe(CameraDefinition before, CameraDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        void Compare<T>(string setting, T old, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(old, now))
            {
                changes.Add($"{setting}: {Show(old)} -> {Show(now)}");
            }
        }

        // Settings holding credentials are compared as shown (masked); a change only to a secret is named, not shown.
        void CompareSecret(string setting, string? old, string? now, string? oldShown, string? nowShown)
        {
            if (oldShown != nowShown)
            {
                changes.Add($"{setting}: {Show(oldShown)} -> {Show(nowShown)}");
            }
            else if (old != now)
            {
                changes.Add($"{setting}: credentials changed");
            }
        }

        Compare("Name", before.Name, after.Name);
        Compare("Kind", before.Kind, after.Kind);
        Compare("Size", $"{before.Width}x{before.Height}", $"{after.Width}x{after.Height}");
        Compare("Fps", before.Fps, after.Fps);
        Compare("JPEG quality", before.JpegQuality, after.JpegQuality);
        Compare("Always on", before.AlwaysOn, after.AlwaysOn);
        Compare("Node", before.Node ?? "every node", after.Node ?? "every node");
        Compare("Running", before.Enabled, after.Enabled);
        Compare("Folder", before.Folder, after.Folder);
        Compare("Device", before.Device, after.Device);
        Compare("File", before.File, after.File);
        CompareSecret("Url", before.Url, after.Url, Redaction.RedactUrl(before.Url), Redaction.RedactUrl(after.Url));
        Compare("User name", before.UserName, after.UserName);
        CompareSecret("Password", before.Password, after.Password, Shown(before.Password), Shown(after.Password));
        Compare("Loop", before.Loop, after.Loop);
        Compare("Command", before.Command, after.Command);
        CompareSecret(
            "Arguments",
            string.Join(' ', before.Arguments),
            string.Join(' ', after.Arguments),
            string.Join(' ', Redaction.RedactArguments(before.Arguments)),
            string.Join(' ', Redaction.RedactArguments(after.Arguments)));
        Compare("Rotation", (int)before.Image.Rotation, (int)after.Image.Rotation);
        Compare("Flip horizontal", before.Image.FlipHorizontal, after.Image.FlipHorizontal);
        Compare("Flip vertical", before.Image.FlipVertical, after.Image.FlipVertical);
        Compare("Brightness", before.Image.Brightness, after.Image.Brightness);
        Compare("Contrast", before.Image.Contrast, after.Image.Contrast);
        Compare("Caption", before.Image.Overlay, after.Image.Overlay);
        Compare("Caption size", before.Image.OverlayScale, after.Image.OverlayScale);
        foreach (var name in before.DeviceProperties.Keys.Union(after.DeviceProperties.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            Compare($"Device {name}", before.DeviceProperties.TryGetValue(name, out var old) ? old : (double?)null, after.DeviceProperties.TryGetValue(name, out var now) ? now : null);
        }

        return changes.Count == 0 ? NoChange : string.Join("; ", changes);
    }

    private static string? Shown(string? password) => string.IsNullOrEmpty(password) ? null : Redaction.Mask;

    /// <summary>The settings of a new or removed camera, in one line.</summary>
    public static string Summarize(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return $"{camera.Kind} {camera.Width}x{camera.Height} at {camera.Fps.ToString(CultureInfo.InvariantCulture)} fps";
    }

    private static string Show<T>(T value) => value switch
    {
        null => "none",
        string { Length: 0 } => "none",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        bool b => b ? "on" : "off",
        OverlayPosition p => p.ToString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
