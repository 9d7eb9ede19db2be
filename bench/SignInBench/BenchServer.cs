using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace SignInBench;

/// <summary>The dashboard's Release build as a child process in Production, with one small test-pattern camera and a temp data directory.</summary>
internal sealed class BenchServer : IDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Bench-Admin-Password-1";
    public const string CameraId = "bench";

    private readonly Process _process;
    private readonly string _root;

    private BenchServer(Process process, string root, Uri address)
    {
        _process = process;
        _root = root;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>User plus system CPU time the server has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static string DashboardDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        var dll = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Run the bench from inside the repository."), "src", "Dashboard", "bin", "Release", "net10.0", "Dashboard.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build first: dotnet build Dashboard.sln -c Release", dll);
    }

    public static async Task<BenchServer> StartAsync(string dll, TimeSpan credentialCache)
    {
        var root = Directory.CreateTempSubdirectory("signin-bench-").FullName;
        var settings = new
        {
            Logging = new { LogLevel = new { Default = "Warning" } },
            Dashboard = new { DataDirectory = Path.Combine(root, "data") },
            Auth = new { AdminUser, AdminPassword, CredentialCacheDuration = credentialCache.ToString("c"), SignInAttemptsPerMinute = 10_000 },
            Cameras = new[] { new { Id = CameraId, Kind = "TestPattern", Width = 320, Height = 240, Fps = 5 } },
        };
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(settings));
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", root])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the dashboard.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  [server] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new BenchServer(process, root, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitReadyAsync();
        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The dashboard did not become ready within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
