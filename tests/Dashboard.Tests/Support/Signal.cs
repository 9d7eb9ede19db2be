using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Tests.Support;

/// <summary>Sends a POSIX signal the way an operator or systemd would (<c>kill -TERM</c>); Process.Kill only knows SIGKILL.</summary>
internal static class Signal
{
    public static void Send(int processId, string signal)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add($"-{signal}");
        start.ArgumentList.Add(processId.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(start) ?? throw new InvalidOperationException("Could not run kill.");
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {processId} failed: {error}");
        }
    }
}
