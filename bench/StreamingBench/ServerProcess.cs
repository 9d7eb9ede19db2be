using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Tests.Support;

namespace StreamingBench;

/// <summary>
/// How the benchmarks start their servers as child processes (<see cref="ChildApp"/>) on a loopback port, so their CPU
/// and memory are their own: the Dashboard app, and the floor sender.
/// </summary>
internal static class ServerProcess
{
    /// <summary>
    /// The app the benches run: the Release build of <paramref name="repoRoot"/>, or, with <c>BENCH_APP_DIR</c> set, the
    /// app published there (<c>dotnet publish src/Dashboard -c Release -r linux-x64 --self-contained false -o DIR</c>:
    /// ReadyToRun code without tiered compilation, as the service runs it, with the service's GC and allocator settings:
    /// see <see cref="ServiceEnvironment"/>).
    /// </summary>
    public static string DllPath(string repoRoot) =>
        PublishedDirectory is { } published
            ? Path.Combine(published, "Dashboard.dll")
            : Path.Combine(repoRoot, "src", "Dashboard", "bin", "Release", "net10.0", "Dashboard.dll");

    private static string? PublishedDirectory => Environment.GetEnvironmentVariable("BENCH_APP_DIR") is { Length: > 0 } published ? published : null;

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

    public static ChildApp Start(string repoRoot, string contentRoot, int port)
    {
        var dll = DllPath(repoRoot);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} not found: build with 'dotnet build -c Release src/Dashboard' or drop --no-build.", dll);
        }

        port = port == 0 ? ChildApp.FreeLoopbackPort() : port;
        return ChildApp.Start(new ChildAppOptions(ChildApp.DotnetHost(), [dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", contentRoot])
        {
            WorkingDirectory = contentRoot,
            Environment = new Dictionary<string, string>(ServiceEnvironment(repoRoot)) { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            Address = new Uri($"http://127.0.0.1:{port}/"),
            Echo = Forward,
        });
    }

    /// <summary>
    /// For the published app: the GC and allocator settings the systemd unit gives the service
    /// (<c>Environment=DOTNET_GC...</c> and <c>MALLOC_...</c> lines of docs/deploy/systemd/camera-dashboard.service),
    /// so the app runs as deployed. A 4-MB gen0 budget is one of them: without it the GC sizes gen0 from the L3 cache,
    /// 260 MB on this machine's Xeon, and every frame lands on pages never touched before (a page fault per 4 KB).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> ServiceEnvironment(string repoRoot)
    {
        if (PublishedDirectory is null)
        {
            yield break;
        }

        foreach (var line in File.ReadLines(Path.Combine(repoRoot, "docs", "deploy", "systemd", "camera-dashboard.service")))
        {
            if (line.StartsWith("Environment=", StringComparison.Ordinal) && line["Environment=".Length..].Split('=', 2) is [var name, var value]
                && (name.StartsWith("DOTNET_GC", StringComparison.Ordinal) || name.StartsWith("MALLOC_", StringComparison.Ordinal)))
            {
                yield return new(name, value);
            }
        }
    }

    /// <summary>Starts the floor sender (this program in its <c>floor</c> mode) on the same frames.</summary>
    public static ChildApp StartFloor(string framesFolder, double fps)
    {
        var port = ChildApp.FreeLoopbackPort();
        return ChildApp.Start(new ChildAppOptions(
            ChildApp.DotnetHost(), [System.Reflection.Assembly.GetEntryAssembly()!.Location, "floor", port.ToString(CultureInfo.InvariantCulture), framesFolder, fps.ToString(CultureInfo.InvariantCulture)])
        {
            Address = new Uri($"http://127.0.0.1:{port}/"),
            Echo = Forward,
        });
    }

    /// <summary>Waits until the app answers <c>GET /api/cameras</c> with 200.</summary>
    public static Task WaitReadyAsync(this ChildApp server, AuthenticationHeaderValue? authorization, TimeSpan timeout, CancellationToken cancellationToken) =>
        server.WaitForUrlAsync(new Uri(server.Address!, "api/cameras"), timeout, configure: request => request.Headers.Authorization = authorization, cancellationToken: cancellationToken);

    private static void Forward(string line)
    {
        if (line.Length > 0)
        {
            Console.Error.WriteLine($"[server] {line}");
        }
    }
}
