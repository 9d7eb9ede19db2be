using System.Text.Json;
using Tests.Support;

namespace SignInBench;

/// <summary>The dashboard's Release build as a child process (<see cref="ChildApp"/>) in Production, with one small test-pattern camera and a temp data directory.</summary>
internal static class BenchServer
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Bench-Admin-Password-1";
    public const string CameraId = "bench";

    public static string DashboardDll()
    {
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "Dashboard", "bin", "Release", "net10.0", "Dashboard.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build first: dotnet build Dashboard.sln -c Release", dll);
    }

    public static async Task<ChildApp> StartAsync(string dll, TimeSpan credentialCache)
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
        var port = ChildApp.FreeLoopbackPort();
        var server = ChildApp.Start(new ChildAppOptions(ChildApp.DotnetHost(), [dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", root])
        {
            Environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            OwnedDirectory = root,
            Address = new Uri($"http://127.0.0.1:{port}/"),
            Echo = line => Console.Error.WriteLine($"  [server] {line}"),
        });
        await server.WaitForUrlAsync(new Uri(server.Address!, "healthz/ready"), TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>User plus system CPU time the server has used so far.</summary>
    public static TimeSpan Cpu(this ChildApp server)
    {
        server.Process.Refresh();
        return server.Process.TotalProcessorTime;
    }
}
