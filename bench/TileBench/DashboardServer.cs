using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Tests.Support;

namespace TileBench;

/// <summary>
/// The dashboard (published Release build) as a child process (<see cref="ChildApp"/>), with its own content root:
/// appsettings.json with N test-pattern cameras and a data directory in a temp folder.
/// </summary>
internal static class DashboardServer
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Bench-Admin-Password-1";


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

    public static ChildApp Start(string dll, BenchOptions options, int cameras)
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

        var port = ChildApp.FreeLoopbackPort();
        // The content root is the temp folder (its appsettings.json); the web root stays the published wwwroot.
        var webRoot = Path.Combine(Path.GetDirectoryName(dll)!, "wwwroot");
        var server = ChildApp.Start(new ChildAppOptions(ChildApp.DotnetHost(), [dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", root, "--webroot", webRoot])
        {
            Environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            OwnedDirectory = root,
            Address = new Uri($"http://127.0.0.1:{port}/"),
            Echo = Forward,
        });
        ChildProcesses.Add(server.Process);
        return server;
    }

    /// <summary>Waits until the home page answers (200, or a redirect to the sign-in page).</summary>
    public static Task WaitReadyAsync(this ChildApp server, TimeSpan timeout) =>
        server.WaitForUrlAsync(server.Address!, timeout, response => response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found or HttpStatusCode.Redirect);

    private static void Forward(string line)
    {
        if (line.Length > 0)
        {
            Console.Error.WriteLine($"[server] {line}");
        }
    }
}
