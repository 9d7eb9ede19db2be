using System.Diagnostics;
using System.Globalization;

namespace StreamingBench;

/// <summary>
/// CPU time, wall clock and minor page faults (first touches of a page: about one per 4 KB of frame for a server that
/// writes each frame into fresh memory) of a process at one instant.
/// </summary>
internal readonly record struct CpuSample(TimeSpan Cpu, long Timestamp, long MinorFaults)
{
    /// <summary>CPU used since <paramref name="earlier"/> as percent of one core.</summary>
    public double PercentSince(CpuSample earlier) =>
        100 * (Cpu - earlier.Cpu).TotalSeconds / Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp).TotalSeconds;
}

/// <summary>Reads a process's CPU time (utime + stime), page faults and resident memory from /proc (Linux only).</summary>
internal sealed class ProcessMeter(int processId)
{
    private static readonly Lazy<long> TicksPerSecond = new(ReadClockTicks);

    public static long ClockTicksPerSecond => TicksPerSecond.Value;

    public CpuSample SampleCpu()
    {
        // Fields after "(comm)": state is field 3, minflt 10, utime 14 and stime 15 (proc(5)); comm may contain spaces.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new CpuSample(TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond), Stopwatch.GetTimestamp(), long.Parse(fields[7], CultureInfo.InvariantCulture));
    }

    public long ReadRssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS in /proc/{processId}/status.");
    }

    /// <summary>USER_HZ as the system reports it (almost always 100).</summary>
    private static long ReadClockTicks()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true });
            var text = getconf?.StandardOutput.ReadToEnd().Trim();
            getconf?.WaitForExit();
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var hz) && hz > 0 ? hz : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
