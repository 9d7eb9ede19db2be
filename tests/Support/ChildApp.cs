using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Tests.Support;

/// <summary>How to start a <see cref="ChildApp"/>.</summary>
public sealed record ChildAppOptions(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Environment variables set for the child (on top of this process's).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    /// <summary>A folder that belongs to the child (its content root, its data): deleted when it is disposed.</summary>
    public string? OwnedDirectory { get; init; }

    /// <summary>Where it listens, when the caller chose the port; else <see cref="ChildApp.AddressAsync"/> reads it from the log.</summary>
    public Uri? Address { get; init; }

    /// <summary>Called with every line it writes (e.g. a benchmark forwarding them to its stderr).</summary>
    public Action<string>? Echo { get; init; }

    /// <summary>Rewrites the start (e.g. to run it in a network namespace).</summary>
    public Func<ProcessStartInfo, ProcessStartInfo>? Wrap { get; init; }
}

/// <summary>
/// An app (the dashboard, a helper server) as a child process, for tests and benchmarks: started with its arguments and
/// environment, its stdout and stderr kept (for diagnostics, and for tests that check no secret reaches the log), waited
/// on until an address answers, and killed with all its children on dispose.
/// </summary>
public sealed partial class ChildApp : IDisposable
{
    private readonly Process _process;
    private readonly ChildAppOptions _options;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private ChildApp(Process process, ChildAppOptions options)
    {
        _process = process;
        _options = options;
    }

    public int Id => _process.Id;

    public Process Process => _process;

    /// <summary>The address the caller chose for it, if any.</summary>
    public Uri? Address => _options.Address;

    /// <summary>Everything it wrote to stdout and stderr so far.</summary>
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

    public static ChildApp Start(ChildAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = new ProcessStartInfo(options.Program)
        {
            WorkingDirectory = options.WorkingDirectory ?? options.OwnedDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in options.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // scripts/test.sh turns call counting off for its own tools and test hosts; the app runs as deployed.
        start.Environment.Remove("DOTNET_TC_CallCounting");
        foreach (var (key, value) in options.Environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(options.Wrap?.Invoke(start) ?? start) ?? throw new InvalidOperationException($"Could not start {options.Program}.");
        var app = new ChildApp(process, options);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The dotnet host running this process (so the child gets the same runtime), else dotnet on PATH.</summary>
    public static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>A loopback port free right now (for a child that must be told its port).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>The address from its ASP.NET Core "Now listening on" line (for an app started with <c>--urls http://127.0.0.1:0</c>).</summary>
    public async Task<Uri> AddressAsync(TimeSpan timeout)
    {
        var first = await Task.WhenAny(_listening.Task, _process.WaitForExitAsync()).WaitAsync(timeout);
        return first == _listening.Task
            ? await _listening.Task
            : throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before listening:{Environment.NewLine}{Output}");
    }

    /// <summary>Waits until <paramref name="url"/> answers as <paramref name="ready"/> wants (200 by default), polling; fails when it exits first.</summary>
    public async Task WaitForUrlAsync(
        Uri url, TimeSpan timeout, Func<HttpResponseMessage, bool>? ready = null, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        var last = "no answer";
        while (waited.Elapsed < timeout)
        {
            ThrowIfExited();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                configure?.Invoke(request);
                using var response = await http.SendAsync(request, cancellationToken);
                if (ready?.Invoke(response) ?? response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message; // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no answer within 5 s"; // Listening, but an app starting on a busy machine may be slower than one request.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{url} did not answer within {timeout.TotalSeconds:0} s (last: {last}):{Environment.NewLine}{Output}");
    }

    /// <summary>Waits until <see cref="Address"/>'s port accepts connections (for a child that is not an HTTP app one may poll).</summary>
    public async Task WaitForPortAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var address = Address ?? throw new InvalidOperationException("The port was not chosen by the caller.");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            ThrowIfExited();
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, address.Port), cancellationToken);
                return;
            }
            catch (SocketException) when (waited.Elapsed < timeout)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Kills it and its children (safe to call more than once, from any thread) and deletes its folder.</summary>
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
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        if (_options.OwnedDirectory is { } directory)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private string Name => Path.GetFileName(_options.Arguments.Count > 0 ? _options.Arguments[0] : _options.Program);

    private void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:{Environment.NewLine}{Output}");
        }
    }

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

        _options.Echo?.Invoke(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://\S+)")]
    private static partial Regex ListeningLine();
}
