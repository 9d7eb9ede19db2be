using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TileBench;

/// <summary>The server and browser processes this bench started, killed on Ctrl+C or SIGTERM so none outlive it.</summary>
internal static class ChildProcesses
{
    private static readonly List<Process> Running = [];
    private static readonly Lock Gate = new();

    public static IDisposable[] KillOnSignals() =>
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => KillAll()),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll()),
    ];

    public static void Add(Process process)
    {
        lock (Gate)
        {
            Running.Add(process);
        }
    }

    public static void Remove(Process process)
    {
        lock (Gate)
        {
            Running.Remove(process);
        }
    }

    private static void KillAll()
    {
        lock (Gate)
        {
            foreach (var process in Running)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone (or disposed by its owner).
                }
            }
        }
    }
}
