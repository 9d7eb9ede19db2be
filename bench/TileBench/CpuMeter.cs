using System.Diagnostics;
using System.Globalization;

namespace TileBench;

/// <summary>CPU time from /proc (Linux): one process, every Chromium process, or the whole machine.</summary>
internal static class CpuMeter
{
    /// <summary>USER_HZ; 100 on every Linux this runs on.</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan Process(int pid) => TimeSpan.FromSeconds(ReadTicks(pid) / TicksPerSecond);

    /// <summary>CPU time of a process and all its descendants (Chromium: the browser, renderers, GPU and utility processes).</summary>
    public static TimeSpan Tree(int rootPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The process ended while we looked.
                }
            }
        }

        long ticks = 0;
        foreach (var pid in parents.Keys)
        {
            for (var p = pid; p > 1 && parents.ContainsKey(p); p = parents[p])
            {
                if (p == rootPid)
                {
                    try
                    {
                        ticks += ReadTicks(pid);
                    }
                    catch (IOException)
                    {
                    }

                    break;
                }
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>CPU time of this bench process.</summary>
    public static TimeSpan Bench() => Process(Environment.ProcessId);

    /// <summary>(busy, total) jiffies of all cores, from the first line of /proc/stat.</summary>
    public static (long Busy, long Total) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }

    public static double Percent(TimeSpan cpu, Stopwatch wall) => 100 * cpu.TotalSeconds / wall.Elapsed.TotalSeconds;

    private static long ReadTicks(int pid)
    {
        // After "(comm)": utime and stime are fields 14 and 15 of proc(5).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
