using System.Globalization;
using System.Text;
using StreamingBench;

namespace CaptureBench;

/// <summary>
/// <c>--against PATH</c>: this build and another checkout's Release build, both running at once on the same material,
/// each camera watched by one viewer on both in the same windows. Two runs one after the other on a machine that
/// other work shares can differ by more than the change being measured; side by side, both see the same load.
/// </summary>
internal static class CompareRun
{
    /// <summary>What the bench prepared: the frames, the .avi, the floor's stream, the admin's password.</summary>
    internal sealed record Material(string Root, string Frames, string Clip, Uri Remote, FrameSet Set, string Password);

    public static async Task<string> RunAsync(CaptureOptions options, string repo, string against, Material m, (string Id, string Kind, string Label)[] cameras, CameraCost floor, CameraCost cServer, CancellationToken cancellationToken)
    {
        // Each server gets a content root (settings, database) of its own.
        var roots = new[] { Path.Combine(m.Root, "this"), Path.Combine(m.Root, "against") };
        foreach (var root in roots)
        {
            Directory.CreateDirectory(root);
            CaptureRun.WriteSettings(root, m.Frames, m.Clip, m.Remote, m.Set.Quality, m.Password, cameras, alwaysOn: null);
        }

        using var mine = await CaptureRun.StartAsync(repo, roots[0], m.Password, cancellationToken);
        using var theirs = await CaptureRun.StartAsync(against, roots[1], m.Password, cancellationToken);
        await Task.Delay(CaptureRun.FreshServerWarmup, cancellationToken);
        foreach (var (id, _, _) in cameras)
        {
            await Task.WhenAll(CaptureRun.WarmUpAsync(mine, id, cancellationToken), CaptureRun.WarmUpAsync(theirs, id, cancellationToken));
        }

        var rows = new List<(CameraCost Mine, CameraCost Theirs)>();
        foreach (var (id, _, label) in cameras)
        {
            var measuring = new[] { mine, theirs }.Select(s => CaptureRun.MeasureCameraAsync(s, id, label, viewer: true, options, cancellationToken)).ToArray();
            var costs = await Task.WhenAll(measuring);
            CaptureReport.Print("this build", costs[0]);
            CaptureReport.Print("against", costs[1]);
            rows.Add((costs[0], costs[1]));
            await Task.Delay(CaptureRun.IdleTimeout + TimeSpan.FromSeconds(2), cancellationToken);
        }

        return Markdown(options, against, m.Set, floor, cServer, rows);
    }

    private static string Markdown(CaptureOptions options, string against, FrameSet set, CameraCost floor, CameraCost cServer, List<(CameraCost Mine, CameraCost Theirs)> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"- Material: {set.Count} frames 1280x720, JPEG quality {set.Quality}, average {set.AverageBytes / 1024:0.0} KB");
        text.AppendLine(c, $"- This build and `{against}` side by side, one viewer each, {options.Windows} windows of {options.Window.TotalSeconds:0} s in the same seconds; the floor measured just before, alone");
        text.AppendLine();
        text.AppendLine("| camera kind | against: CPU ms/frame (min-max) | against: switches/frame | this: CPU ms/frame (min-max) | this: switches/frame | this: KB allocated/frame | this / against | against vs floor | this vs floor |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(c, $"| floor (minimal sender) | {floor.Median:0.000} ({floor.Spread}) | {floor.MedianSwitches:0.0} | | | | | 1.00x | 1.00x |");
        text.AppendLine(c, $"| C server (ffmpeg `-f mpjpeg -listen 1`) | {cServer.Median:0.000} ({cServer.Spread}) | {cServer.MedianSwitches:0.0} | | | | | {cServer.Median / floor.Median:0.0}x | |");
        foreach (var (mine, theirs) in rows)
        {
            text.AppendLine(c, $"| `{mine.Kind}` | {theirs.Median:0.000} ({theirs.Spread}) | {theirs.MedianSwitches:0.0} | {mine.Median:0.000} ({mine.Spread}) | {mine.MedianSwitches:0.0} | {mine.Allocated} | {mine.Median / theirs.Median:0.00}x | {theirs.Median / floor.Median:0.0}x | {mine.Median / floor.Median:0.0}x |");
        }

        return text.ToString();
    }
}
