using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tests.Support;

namespace TileBench;

/// <summary>
/// Debian's Chromium, headless, driven over a bare DevTools (CDP) connection that only navigates and
/// evaluates script. Playwright enables the Network domain on every page it drives, so each WebSocket
/// frame (the tiles ride on a WebSocket) is also sent, base64-encoded, to its driver: at 16
/// tiles that cost the bench and the browser more CPU than the tiles themselves. The tests use Playwright;
/// the measurement does not.
/// </summary>
internal sealed class CdpBrowser : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Dictionary<int, TaskCompletionSource<JsonNode?>> _calls = [];
    private readonly Lock _gate = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private CdpBrowser(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Starts Chromium with one page of the given size and connects to that page.</summary>
    public static async Task<CdpBrowser> LaunchAsync(int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("tile-bench-chromium-").FullName;
        var start = new ProcessStartInfo(HeadlessChromium.ExecutablePath) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in HeadlessChromium.Arguments.Concat(["--headless", $"--user-data-dir={profile}", "--remote-debugging-port=0", $"--window-size={width},{height}", "about:blank"]))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        ChildProcesses.Add(process);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new CdpBrowser(process, profile);
        await browser.ConnectAsync(width, height);
        return browser;
    }

    public int ProcessId => _process.Id;

    public async Task NavigateAsync(Uri url) => await CallAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });

    /// <summary>Evaluates an expression in the page (awaiting a promise) and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await CallAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
        });
        if (result?["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException($"Script failed: {error.ToJsonString()}");
        }

        return result?["result"]?["value"];
    }

    public async Task<T> EvaluateAsync<T>(string expression) =>
        (await EvaluateAsync(expression)).Deserialize<T>()!;

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        try
        {
            await _receiving;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        ChildProcesses.Remove(_process);
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _sending.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task ConnectAsync(int width, int height)
    {
        // Chromium writes the port it chose into the profile once DevTools listens.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30) || _process.HasExited)
            {
                throw new InvalidOperationException("Chromium did not start its DevTools endpoint.");
            }

            await Task.Delay(100);
        }

        var port = File.ReadAllLines(portFile)[0].Trim();
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await _socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        _receiving = ReceiveAsync();
        await CallAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width,
            ["height"] = height,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = false,
        });
    }

    private async Task<JsonNode?> CallAsync(string method, JsonObject parameters)
    {
        var call = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_gate)
        {
            id = ++_nextId;
            _calls[id] = call;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }

        return await call.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            var received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            var node = JsonNode.Parse(message.ToArray());
            message.SetLength(0);
            if (node?["id"] is { } idNode)
            {
                TaskCompletionSource<JsonNode?>? call;
                lock (_gate)
                {
                    _calls.Remove((int)idNode, out call);
                }

                if (node["error"] is { } error)
                {
                    call?.TrySetException(new InvalidOperationException(error.ToJsonString()));
                }
                else
                {
                    call?.TrySetResult(node["result"]);
                }
            }
        }
    }
}
