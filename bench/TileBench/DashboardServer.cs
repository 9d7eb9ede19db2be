using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace TileBench;

/// <summary>
/// The dashboard (Release build) as a child process, with its own content root: appsettings.json with N
/// test-pattern cameras and a data directory in a temp folder.
/// </summary>
internal sealed class DashboardServer : IDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Bench-Admin-Password-1";

    private readonly Process _process;
    private readonly string _root;
    private int _disposed;

    private DashboardServer(Process process, string root, Uri address)
    {
        _process = process;
        _root = root;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the bench from inside the repository.");
    }

    /// <summary>
    /// Publishes the Release build to a temp folder. The build output in bin/Release serves the static web
    /// assets (blazor.web.js, MudBlazor, tiles.js) only in Development; the published app serves them as in production.
    /// </summary>
    public static async Task<string> PublishAsync(string repo)
    {
        var output = Path.Combine(Path.GetTempPath(), "tile-bench-dashboard");
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", "-c", "Release", Path.Combine(repo, "src", "Dashboard"), "-o", output, "--nologo", "-v", "q"]))!;
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish -c Release src/Dashboard failed.");
        }

        return Path.Combine(output, "Dashboard.dll");
    }

    public static DashboardServer Start(string dll, BenchOptions options, int cameras)
    {
        var root = Directory.CreateTempSubdirectory("tile-bench-").FullName;
        var streaming = new Dictionary<string, object> { ["IdleTimeout"] = "00:00:02" };
        if (options.PreviewMaxFps is { } previewFps)
        {
            streaming["PreviewMaxFps"] = previewFps;
        }

        var settings = new
        {
            Logging = new { LogLevel = new { Default = "Warning" } },
            AllowedHosts = "*",
            Streaming = streaming,
            Dashboard = new { DataDirectory = Path.Combine(root, "data") },
            Auth = new { AdminUser, AdminPassword },
            Cameras = Enumerable.Range(1, cameras).Select(i => new
            {
                Id = $"cam{i:D2}",
                Name = $"Camera {i}",
                Kind = "TestPattern",
                options.Width,
                options.Height,
                options.Fps,
            }),
        };
        File.WriteAllText(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(settings));

        var port = FreePort();
        // The content root is the temp folder (its appsettings.json); the web root stays the published wwwroot.
        var webRoot = Path.Combine(Path.GetDirectoryName(dll)!, "wwwroot");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", root, "--webroot", webRoot])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new DashboardServer(process, root, new Uri($"http://127.0.0.1:{port}/"));
        ChildProcesses.Add(process);
        return server;
    }

    /// <summary>Waits until the home page answers (200, or a redirect to the sign-in page).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(Address);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found or HttpStatusCode.Redirect)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The dashboard did not start.");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ChildProcesses.Remove(_process);
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
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Forward(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine($"[server] {line}");
        }
    }

    private static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
