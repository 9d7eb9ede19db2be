using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real dashboard as its own process (<c>dotnet Dashboard.dll</c>), in Production, configured by environment
/// variables like a service, with its own data directory: either the build copied next to the tests (with a content
/// root of its own) or a published copy (run from its folder, as the systemd unit does). It listens on a port it
/// picks itself (<c>--urls http://127.0.0.1:0</c>), read back from its start-up log. Disposing kills whatever is
/// left of it, child processes included.
/// </summary>
internal sealed partial class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public int Id => _process.Id;

    public Process Process => _process;

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
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

    /// <param name="settings">Environment variables for the app, e.g. <c>Cameras__0__Id</c>.</param>
    /// <param name="published">A folder <see cref="PublishedCopy"/> made; null: the build next to the tests.</param>
    /// <param name="network">A network namespace to run in; null: the machine's.</param>
    public static AppProcess Start(IReadOnlyDictionary<string, string> settings, PublishedCopy? published = null, NetworkNamespace? network = null)
    {
        var dll = Path.Combine(published?.Directory ?? AppContext.BaseDirectory, "Dashboard.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing.");
        return Start(DotnetHost(), [dll], settings, published?.Directory, network);
    }

    /// <summary>The build in another folder (a copy of this one, e.g. without OpenCV's native library), run by this dotnet host.</summary>
    public static AppProcess StartDll(string appDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(appDirectory, "Dashboard.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing.");
        return Start(DotnetHost(), [dll], settings);
    }

    /// <summary>
    /// The app started by <paramref name="program"/> with <paramref name="command"/> before the app's own arguments (e.g. qemu
    /// running a published arm64 build, whose <paramref name="contentRoot"/> holds the wwwroot it serves).
    /// </summary>
    public static AppProcess Start(string program, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> settings, string? contentRoot = null, NetworkNamespace? network = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(settings);
        var directory = Directory.CreateTempSubdirectory("dashboard-process-").FullName;
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[.. command, "--urls", "http://127.0.0.1:0", "--contentRoot", contentRoot ?? directory])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Dashboard__DataDirectory"] = Path.Combine(directory, "data");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(network?.Enter(start) ?? start) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process, directory);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The address from the app's "Now listening on" line.</summary>
    public async Task<Uri> AddressAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited).WaitAsync(timeout);
        Assert.True(first == _listening.Task, $"The app exited with code {(_process.HasExited ? _process.ExitCode : 0)} before listening:{Environment.NewLine}{Output}");
        return await _listening.Task;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

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

    /// <summary>The dotnet host running these tests (so the app gets the same runtime), else dotnet on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://\S+)")]
    private static partial Regex ListeningLine();
}
