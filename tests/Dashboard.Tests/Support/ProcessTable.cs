using System.Globalization;

namespace Dashboard.Tests.Support;

/// <summary>What Linux's /proc says about processes: who is whose child, who carries an argument, who still runs.</summary>
internal static class ProcessTable
{
    /// <summary>Processes (not yet reaped zombies included) whose parent is <paramref name="parentId"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentId) =>
        [.. ProcessIds().Where(id => Stat(id) is { } stat && stat.ParentId == parentId)];

    /// <summary>Running processes with <paramref name="argument"/> as one of their command-line arguments.</summary>
    public static IReadOnlyList<int> WithArgument(string argument) =>
        [.. ProcessIds().Where(id => Arguments(id).Contains(argument, StringComparer.Ordinal) && IsRunning(id))];

    /// <summary>True while the process exists and has not exited (a zombie waiting to be reaped has exited).</summary>
    public static bool IsRunning(int id) => Stat(id) is { State: not ('Z' or 'X') };

    public static int? ParentOf(int id) => Stat(id)?.ParentId;

    public static IReadOnlyList<string> Arguments(int id)
    {
        try
        {
            return File.ReadAllText($"/proc/{id}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return []; // Gone meanwhile, or not ours to read.
        }
    }

    private static IEnumerable<int> ProcessIds() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0);

    /// <summary>State and parent from /proc/{id}/stat ("pid (comm) S ppid ..."; the name may hold spaces and parentheses).</summary>
    private static (char State, int ParentId)? Stat(int id)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{id}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
