using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Tests.Support;

/// <summary>
/// Debian's nginx in front of an app, configured by the repository's <c>docs/deploy/nginx/camera-dashboard.conf</c>
/// (only its upstream address is replaced) inside a server on a free loopback port. It runs in the foreground
/// with its own prefix, pid file, logs and temp paths, so it needs no root and touches nothing of the system's
/// nginx; disposing stops it and checks that its workers went with it. Given a <see cref="NetworkNamespace"/>, it
/// runs and listens in that one.
/// </summary>
internal sealed class NginxProxy : IDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    /// <summary>The path the snippet serves the dashboard under.</summary>
    public const string Prefix = "/cams/";

    /// <summary>The app's address as the snippet spells it.</summary>
    private const string TemplateUpstream = "http://127.0.0.1:5000";

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private readonly NetworkNamespace? _network;

    private NginxProxy(Process process, string directory, int port, NetworkNamespace? network)
    {
        _process = process;
        _directory = directory;
        _network = network;
        Port = port;
        Address = new Uri($"http://127.0.0.1:{port}{Prefix}");
    }

    public int Port { get; }

    /// <summary>Where the dashboard is, through the proxy: http://127.0.0.1:{port}/cams/.</summary>
    public Uri Address { get; }

    public static string SnippetPath { get; } = Repository.File("docs/deploy/nginx/camera-dashboard.conf");

    /// <summary>The access log so far: one line per request, the client's address first.</summary>
    public string AccessLog => ReadShared(Path.Combine(_directory, "logs", "access.log"));

    /// <param name="upstream">The app's address.</param>
    /// <param name="network">The namespace to run in (the app's); null: the machine's.</param>
    public static async Task<NginxProxy> StartAsync(Uri upstream, NetworkNamespace? network = null)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install Debian's nginx (scripts/test.sh does).");
        var directory = Directory.CreateTempSubdirectory("nginx-test-").FullName;

        // nginx running as root hands requests to workers running as nobody: they must reach the temp paths.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        Directory.CreateDirectory(Path.Combine(directory, "temp"));

        var snippet = await File.ReadAllTextAsync(SnippetPath);
        Assert.Contains(TemplateUpstream, snippet, StringComparison.Ordinal);
        var app = upstream.GetLeftPart(UriPartial.Authority);
        await File.WriteAllTextAsync(Path.Combine(directory, "camera-dashboard.conf"), snippet.Replace(TemplateUpstream, app, StringComparison.Ordinal));

        // A port picked now may be taken before nginx binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort(network);
            var configuration = Path.Combine(directory, "nginx.conf");
            await File.WriteAllTextAsync(configuration, MainConfiguration(directory, port));
            var proxy = Start(directory, configuration, port, network);
            if (await proxy.WaitUntilListeningAsync(TimeSpan.FromSeconds(10)))
            {
                return proxy;
            }

            var output = proxy.Output;
            proxy.Dispose();
            if (attempt == 3)
            {
                Assert.Fail($"nginx did not start:{Environment.NewLine}{output}");
            }
        }
    }

    /// <summary>What nginx wrote to stdout, stderr and its error log (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return $"{_output}{ReadShared(Path.Combine(_directory, "logs", "error.log"))}";
            }
        }
    }

    /// <summary>Stops nginx (TERM: fast shutdown; KILL for the whole tree if that hangs) and checks no worker outlived it.</summary>
    public void Dispose()
    {
        var workers = ProcessTable.ChildrenOf(_process.Id);
        try
        {
            if (!_process.HasExited)
            {
                Signal.Send(_process.Id, "TERM");
                if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        Assert.All(workers, worker => Assert.False(ProcessTable.IsRunning(worker), $"nginx worker {worker} outlived its master"));
    }

    private static NginxProxy Start(string directory, string configuration, int port, NetworkNamespace? network)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-p", directory + "/", "-c", configuration, "-e", Path.Combine(directory, "logs", "error.log")])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(network?.Enter(start) ?? start) ?? throw new InvalidOperationException("Could not start nginx.");
        var proxy = new NginxProxy(process, directory, port, network);
        process.OutputDataReceived += (_, e) => proxy.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return proxy;
    }

    /// <summary>
    /// The server around the snippet. Compression is on for every type here (Debian's nginx.conf has
    /// <c>gzip on</c>), so the snippet's <c>gzip off</c> for feeds is what keeps a feed uncompressed.
    /// </summary>
    private static string MainConfiguration(string directory, int port) => string.Create(CultureInfo.InvariantCulture, $$"""
        daemon off;
        master_process on;
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/logs/error.log info;
        events { worker_connections 256; }
        http {
            log_format client '$remote_addr "$request" $status $body_bytes_sent';
            access_log {{directory}}/logs/access.log client;
            client_body_temp_path {{directory}}/temp/body;
            proxy_temp_path {{directory}}/temp/proxy;
            fastcgi_temp_path {{directory}}/temp/fastcgi;
            uwsgi_temp_path {{directory}}/temp/uwsgi;
            scgi_temp_path {{directory}}/temp/scgi;
            gzip on;
            gzip_types *;
            gzip_min_length 0;
            server {
                listen 127.0.0.1:{{port}};
                server_name localhost;
                include {{directory}}/camera-dashboard.conf;
            }
        }
        """);

    private async Task<bool> WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !_process.HasExited)
        {
            using var socket = NewSocket(_network);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        return false;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    private static int FreeLoopbackPort(NetworkNamespace? network)
    {
        using var listener = NewSocket(network);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private static Socket NewSocket(NetworkNamespace? network) =>
        network?.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) ?? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
}
