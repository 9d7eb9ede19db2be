using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Tests.Motion;

/// <summary>
/// Debian's mosquitto on a free loopback port with a configuration of its own in a temp folder (anonymous, no
/// persistence, listening on 127.0.0.1 only). Disposing stops it and removes the folder.
/// </summary>
internal sealed class MosquittoBroker : IDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private MosquittoBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install Debian's mosquitto (scripts/test.sh does).");
        var directory = Directory.CreateTempSubdirectory("mosquitto-test-").FullName;
        var port = FreeLoopbackPort();
        var configuration = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configuration, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n");
        var process = Process.Start(new ProcessStartInfo(Executable) { ArgumentList = { "-c", configuration }, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var broker = new MosquittoBroker(process, directory, port);
        process.ErrorDataReceived += (_, e) => broker.Append(e.Data);
        process.OutputDataReceived += (_, e) => broker.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await Eventually.HoldsAsync(async () => process.HasExited || await AcceptsAsync(port), "mosquitto listens");
            Assert.False(process.HasExited, $"mosquitto exited: {broker.Output}");
            return broker;
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
