using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Dashboard.Tests.Support;

/// <summary>
/// A Linux network namespace of a test's own: only a loopback interface (all of 127.0.0.0/8), and the kernel's
/// per-namespace network settings (<c>net.ipv4.*</c>) set for it alone, so a test can run with a setting an
/// operator makes on a server without changing the machine it runs on. Processes join it through <c>nsenter</c>;
/// the test's own sockets are made in it by a short-lived thread that enters it (a socket stays in the namespace
/// it was made in, whichever thread uses it later). It lives as long as a <c>sleep</c> holds it (and any socket
/// made in it); disposing ends that. Needs root (CAP_SYS_ADMIN), as <c>unshare --net</c> does.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000;

    private readonly Process _holder;
    private readonly StringBuilder _errors = new();

    private NetworkNamespace(Process holder) => _holder = holder;

    /// <summary>The namespace as a file, for <c>nsenter --net=</c> and <c>setns</c>.</summary>
    public string Handle => $"/proc/{_holder.Id}/ns/net";

    /// <summary>A new namespace with <c>lo</c> up and the given settings, e.g. <c>net.ipv4.tcp_notsent_lowat</c> = 16384.</summary>
    public static async Task<NetworkNamespace> CreateAsync(IReadOnlyDictionary<string, string> kernelSettings)
    {
        ArgumentNullException.ThrowIfNull(kernelSettings);
        var settings = string.Concat(kernelSettings.Select(s => $" && sysctl -q -w '{s.Key}={s.Value}'"));
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--net", "--", "sh", "-c", $"ip link set lo up{settings} && echo ready && exec sleep infinity"])
        {
            start.ArgumentList.Add(argument);
        }

        var holder = Process.Start(start) ?? throw new InvalidOperationException("Could not run unshare.");
        var network = new NetworkNamespace(holder);
        holder.ErrorDataReceived += (_, e) => network.KeepError(e.Data);
        holder.BeginErrorReadLine();
        var ready = await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (ready != "ready")
        {
            // Let unshare's complaint (e.g. "Operation not permitted") arrive before it goes into the message.
            try
            {
                await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                // Still running: the message says what arrived so far.
            }

            network.Dispose();
            Assert.Fail($"No network namespace of the test's own (unshare --net needs root; these tests run as {Environment.UserName}): {network.Errors}");
        }

        return network;
    }

    /// <summary>The same program, started inside this namespace (<c>nsenter</c> replaces itself with it: same process id).</summary>
    public ProcessStartInfo Enter(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var entered = new ProcessStartInfo("nsenter")
        {
            WorkingDirectory = start.WorkingDirectory,
            RedirectStandardOutput = start.RedirectStandardOutput,
            RedirectStandardError = start.RedirectStandardError,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[$"--net={Handle}", "--", start.FileName, .. start.ArgumentList])
        {
            entered.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in start.Environment)
        {
            entered.Environment[key] = value;
        }

        return entered;
    }

    /// <summary>A socket of this namespace, made by a thread that enters it and then ends.</summary>
    public Socket CreateSocket(AddressFamily family, SocketType type, ProtocolType protocol)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Handle);
                if (SetNamespace((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns({Handle})");
                }

                socket = new Socket(family, type, protocol);
            }
            catch (Exception e) when (e is Win32Exception or IOException or SocketException or UnauthorizedAccessException)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException($"No socket in {Handle}.", failure);
    }

    /// <summary>A kernel setting as this namespace has it, e.g. <c>net.ipv4.tcp_notsent_lowat</c>.</summary>
    public string KernelSetting(string key)
    {
        var start = Enter(new ProcessStartInfo("sysctl") { RedirectStandardOutput = true, ArgumentList = { "-n", key } });
        using var sysctl = Process.Start(start) ?? throw new InvalidOperationException("Could not run sysctl.");
        var value = sysctl.StandardOutput.ReadToEnd().Trim();
        sysctl.WaitForExit();
        return value;
    }

    /// <summary>A kernel setting as the machine (the namespace these tests started in) has it.</summary>
    public static string HostKernelSetting(string key) =>
        File.ReadAllText(Path.Combine("/proc/sys", key.Replace('.', '/'))).Trim();

    public void Dispose()
    {
        try
        {
            if (!_holder.HasExited)
            {
                _holder.Kill();
                _holder.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _holder.Dispose();
    }

    private string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    private void KeepError(string? line)
    {
        if (line is not null)
        {
            lock (_errors)
            {
                _errors.AppendLine(line);
            }
        }
    }

    // DllImport rather than LibraryImport: two ints need no marshalling code, and the project needs no unsafe code.
    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetNamespace(int fd, int namespaceType);
}
