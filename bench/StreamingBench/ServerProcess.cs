using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace StreamingBench;

/// <summary>The Dashboard app as a child process on a loopback port, so its CPU and memory are its own.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private int _disposed;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Id => _process.Id;

    public int Port { get; }

    public Uri BaseAddress { get; }

    public static string DllPath(string repoRoot) =>
        Path.Combine(repoRoot, "src", "Dashboard", "bin", "Release", "net10.0", "Dashboard.dll");

    public static async Task BuildAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var build = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, RedirectStandardOutput = true };
        foreach (var arg in (string[])["build", "-c", "Release", Path.Combine("src", "Dashboard"), "--nologo", "-v", "q"])
        {
            build.ArgumentList.Add(arg);
        }

        using var process = Process.Start(build) ?? throw new InvalidOperationException("Could not start dotnet build.");
        string output;
        try
        {
            output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build -c Release src/Dashboard failed:{Environment.NewLine}{output}");
        }
    }

    public static ServerProcess Start(string repoRoot, string contentRoot, int port)
    {
        var dll = DllPath(repoRoot);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} not found: build with 'dotnet build -c Release src/Dashboard' or drop --no-build.", dll);
        }

        port = port == 0 ? FreeLoopbackPort() : port;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", contentRoot])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Launch(start, port);
    }

    /// <summary>Starts the floor sender (this program in its <c>floor</c> mode) on the same frames.</summary>
    public static ServerProcess StartFloor(string framesFolder, double fps)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[System.Reflection.Assembly.GetEntryAssembly()!.Location, "floor", port.ToString(CultureInfo.InvariantCulture), framesFolder, fps.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        return Launch(start, port);
    }

    private static ServerProcess Launch(ProcessStartInfo start, int port)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, port);
    }

    /// <summary>Waits until the port accepts connections.</summary>
    public async Task WaitListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
                return;
            }
            catch (SocketException) when (Stopwatch.GetTimestamp() < deadline && !_process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Polls <c>GET /api/cameras</c> until it answers 200.</summary>
    public async Task WaitReadyAsync(AuthenticationHeaderValue? authorization, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = authorization;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var last = "no answer";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/cameras", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A server starting on a busy machine may take longer than one request's timeout to answer.
                last = "no answer within 5 s";
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The server did not answer GET /api/cameras with 200 within {timeout.TotalSeconds:0} s (last: {last}).");
    }

    /// <summary>Kills the server (safe to call more than once, from any thread).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static void Forward(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine($"[server] {line}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
