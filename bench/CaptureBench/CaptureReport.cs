using System.Globalization;
using System.Text;
using StreamingBench;

namespace CaptureBench;

/// <summary>One measured process in one scenario: CPU milliseconds and context switches per frame in each window.</summary>
internal sealed record CameraCost(string Kind, string Path, double Fps, IReadOnlyList<double> MsPerFrame, IReadOnlyList<double> CorePercent, IReadOnlyList<double> SwitchesPerFrame, IReadOnlyList<double> FaultsPerFrame, IReadOnlyList<double> AllocatedKbPerFrame)
{
    public double Median => MedianOf(MsPerFrame);

    public double MedianCorePercent => MedianOf(CorePercent);

    public double MedianSwitches => MedianOf(SwitchesPerFrame);

    public double MedianFaults => MedianOf(FaultsPerFrame);

    public string Allocated => AllocatedKbPerFrame.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{MedianOf(AllocatedKbPerFrame):0.0}");

    public string Spread => string.Create(CultureInfo.InvariantCulture, $"{MsPerFrame.Min():0.000}-{MsPerFrame.Max():0.000}");

    private static double MedianOf(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>The markdown table of a run, with what was measured and how.</summary>
internal static class CaptureReport
{
    public static void Print(string scenario, CameraCost cost) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cost.Kind,-14} {scenario,-10} {cost.Median:0.000} ms/frame (windows {string.Join(", ", cost.MsPerFrame.Select(m => m.ToString("0.000", CultureInfo.InvariantCulture)))}), {cost.MedianCorePercent:0.0} % of a core, {cost.MedianSwitches:0.0} switches/frame, {cost.MedianFaults:0.0} page faults/frame, {cost.Allocated} KB allocated/frame, path: {cost.Path}"));

    public static string Markdown(CameraCost floor, CameraCost cServer, List<CameraCost> results, List<CameraCost> alone, FrameSet set, double idlePercent, CaptureOptions options, TimeSpan warmup, TimeSpan freshWarmup)
    {
        var baseline = results.FirstOrDefault(r => r.Kind == "ImageSequence")?.Median;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"- Material: {set.Count} frames 1280x720, JPEG quality {set.Quality}, average {set.AverageBytes / 1024:0.0} KB; the .avi holds the same JPEGs (`ffmpeg -c:v copy`)");
        text.AppendLine(c, $"- One viewer of `/video_feed/{{id}}` per camera, {options.Windows} windows of {options.Window.TotalSeconds:0} s after {warmup.TotalSeconds:0} s warm-up (and after a 10-s lap over every camera, so the code of every kind is compiled before any is measured); CPU of the server process from `/proc/<pid>/stat` (in 10-ms ticks: ±{10.0 / (30 * options.Window.TotalSeconds):0.000} ms/frame per window; children, such as the Command camera's ffmpeg, not counted) over the frames the camera captured; context switches summed over the server's threads (`/proc/<pid>/task/*/status`); minor page faults (`/proc/<pid>/stat`: first touches of a page); each window runs from the end of one reading of the API and `/metrics` to the start of the next, so their own cost is left out; bytes allocated from the server's runtime metrics (`/metrics`, the GC's total allocated)");
        text.AppendLine(c, $"- Floor: the minimal sender (`bench/StreamingBench/FloorServer.cs`: one thread, one paced sleep and one non-blocking gather write per frame) with one viewer, same frames, same windows; it is also the `Http` camera's remote. C server: ffmpeg serving the .avi (`ffmpeg -re -stream_loop -1 -i clip.avi -c copy -f mpjpeg -listen 1 http://...`), one viewer, its own CPU, same windows");
        if (alone.Count > 0)
        {
            text.AppendLine(c, $"- Capture alone: each camera `AlwaysOn` in a fresh server of its own, nobody watching, measured after {freshWarmup.TotalSeconds:0} s");
        }

        text.AppendLine(c, $"- Idle server (same run, no camera running): {idlePercent:0.00} % of one core");
        text.AppendLine();
        var aloneColumns = alone.Count > 0;
        text.AppendLine(c, $"| camera kind | path | fps | CPU ms/frame, one viewer (median) | min-max over windows | share of one core | context switches/frame | page faults/frame | KB allocated/frame | vs ImageSequence | vs floor |{(aloneColumns ? " capture alone (no viewer) ms/frame | min-max |" : "")}");
        text.AppendLine(c, $"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|{(aloneColumns ? "---:|---:|" : "")}");
        text.AppendLine(c, $"| floor (minimal sender) | sends the files | {floor.Fps:0.0} | {floor.Median:0.000} | {floor.Spread} | {floor.MedianCorePercent:0.0} % | {floor.MedianSwitches:0.0} | {floor.MedianFaults:0.0} | | | 1.00x |{(aloneColumns ? " | |" : "")}");
        text.AppendLine(c, $"| C server (ffmpeg `-f mpjpeg -listen 1`) | sends the .avi | {cServer.Fps:0.0} | {cServer.Median:0.000} | {cServer.Spread} | {cServer.MedianCorePercent:0.0} % | {cServer.MedianSwitches:0.0} | {cServer.MedianFaults:0.0} | | | {cServer.Median / floor.Median:0.0}x |{(aloneColumns ? " | |" : "")}");
        foreach (var r in results)
        {
            var a = alone.FirstOrDefault(x => x.Kind == r.Kind);
            var vsBaseline = baseline is { } b ? string.Create(c, $"{r.Median / b:0.00}x") : "";
            var aloneCells = !aloneColumns ? "" : a is null ? " | |" : string.Create(c, $" {a.Median:0.000} | {a.Spread} |");
            text.AppendLine(c, $"| `{r.Kind}` | {r.Path} | {r.Fps:0.0} | {r.Median:0.000} | {r.Spread} | {r.MedianCorePercent:0.0} % | {r.MedianSwitches:0.0} | {r.MedianFaults:0.0} | {r.Allocated} | {vsBaseline} | {r.Median / floor.Median:0.0}x |{aloneCells}");
        }

        return text.ToString();
    }
}
