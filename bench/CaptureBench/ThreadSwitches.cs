using System.Globalization;

namespace CaptureBench;

/// <summary>
/// Context switches of a process so far: the sum over its threads (/proc/PID/task/*/status) of voluntary and
/// involuntary switches. A thread that ended takes its count along, so read it over windows in which the
/// process's threads stay (a steady server), and compare windows, not absolute values.
/// </summary>
internal static class ThreadSwitches
{
    public static long Read(int processId)
    {
        long total = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or IOException)
            {
                // The thread ended while we looked.
            }
        }

        return total;
    }
}
