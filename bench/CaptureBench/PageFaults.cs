using System.Globalization;

namespace CaptureBench;

/// <summary>
/// Minor page faults of a process so far (/proc/PID/stat, field 10): each is a first touch of a page, so a server that
/// writes every frame into fresh memory shows about one per 4 KB of frame, one that reuses its buffers next to none.
/// </summary>
internal static class PageFaults
{
    public static long Read(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
