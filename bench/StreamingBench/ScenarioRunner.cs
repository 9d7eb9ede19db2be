using System.Diagnostics;
using System.Net;
using Tests.Support;

namespace StreamingBench;

/// <summary>Runs one scenario (N clients, some of them slow) against the server and measures it.</summary>
internal sealed class ScenarioRunner(BenchOptions options, ChildApp server, string? authorization, string name = "app", IReadOnlyList<string>? cameras = null)
{
    private static readonly TimeSpan MinConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RssSettle = TimeSpan.FromSeconds(2);

    private readonly ProcessMeter _server = new(server.Id);
    private readonly ProcessMeter _bench = new(Environment.ProcessId);

    public ProcessMeter ServerMeter => _server;

    public async Task<ScenarioResult> RunAsync(int clients, int slowClients, CancellationToken cancellationToken)
    {
        var expectedParts = (int)((options.Warmup + options.Duration).TotalSeconds * options.Fps * 1.2) + 64;
        var settings = new ClientSettings(new IPEndPoint(IPAddress.Loopback, server.Address!.Port), authorization, options.SlowRateBytes, expectedParts, cameras);
        var all = Enumerable.Range(0, clients).Select(i => new MjpegClient(i, IsSlow(i, clients, slowClients), settings)).ToArray();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task>(clients);
        try
        {
            // The RSS baseline is taken with one client streaming, so the camera, its buffers and the code
            // paths of a stream are already in memory: what grows after that is the cost of each further client.
            running.Add(all[0].RunAsync(stop.Token));
            await WaitConnectedAsync(all[..1], MinConnectTimeout, cancellationToken);
            await Task.Delay(RssSettle, cancellationToken);
            var rssBaseline = _server.ReadRssBytes();

            // Quick stagger: a burst of 200 simultaneous connects would measure the accept queue, not streaming.
            for (var i = 1; i < all.Length; i++)
            {
                running.Add(all[i].RunAsync(stop.Token));
                if (i % 10 == 9)
                {
                    await Task.Delay(10, cancellationToken);
                }
            }

            // Every client signs in with HTTP Basic (a password hash each): allow for that at large counts.
            await WaitConnectedAsync(all, TimeSpan.FromTicks(Math.Max(MinConnectTimeout.Ticks, TimeSpan.FromMilliseconds(300).Ticks * clients)), cancellationToken);
            await Task.Delay(options.Warmup, cancellationToken);

            var serverStart = _server.SampleCpu();
            var benchStart = _bench.SampleCpu();
            var windowStart = UnixClock.NowMicros();
            var bytesStart = all.Select(c => c.BytesReceived).ToArray();
            await Task.Delay(options.Duration, cancellationToken);
            var windowEnd = UnixClock.NowMicros();
            var serverEnd = _server.SampleCpu();
            var benchEnd = _bench.SampleCpu();
            var rssEnd = _server.ReadRssBytes();
            var bytesEnd = all.Select(c => c.BytesReceived).ToArray();
            var failed = all.Count(c => !c.Connected || c.Failure is not null);

            // Stop first: each client's log is written by its own receive loop.
            await StopAsync(stop, running);
            var window = new Window(windowStart, windowEnd);
            var slowBytesPerSecond = all.Select((c, i) => (c, bytes: bytesEnd[i] - bytesStart[i]))
                .Where(x => x.c.IsSlow).Select(x => x.bytes / window.Seconds);
            var figures = new ProcessFigures(
                (serverEnd.Cpu - serverStart.Cpu).TotalMilliseconds,
                serverEnd.PercentSince(serverStart),
                benchEnd.PercentSince(benchStart),
                rssBaseline,
                rssEnd,
                Percentiles.Median(slowBytesPerSecond),
                failed);
            return Measure(all, window, figures);
        }
        finally
        {
            await StopAsync(stop, running);
        }
    }

    /// <summary>Server CPU as percent of one core over <paramref name="span"/>, with no clients connected.</summary>
    public async Task<double> MeasureIdleCpuAsync(TimeSpan span, CancellationToken cancellationToken)
    {
        var start = _server.SampleCpu();
        await Task.Delay(span, cancellationToken);
        return _server.SampleCpu().PercentSince(start);
    }

    /// <summary>Spreads the slow clients evenly over the connect order.</summary>
    private static bool IsSlow(int index, int clients, int slowClients) =>
        (long)index * slowClients / clients != (long)(index + 1) * slowClients / clients;

    private static async Task WaitConnectedAsync(MjpegClient[] clients, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (!clients.All(c => c.Connected || c.Failure is not null))
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Console.Error.WriteLine($"  {clients.Count(c => !c.Connected)} of {clients.Length} clients not streaming after {timeout.TotalSeconds:0} s; measuring anyway.");
                return;
            }

            await Task.Delay(50, cancellationToken);
        }

        if (clients.FirstOrDefault(c => c.Failure is not null) is { } failed)
        {
            Console.Error.WriteLine($"  {clients.Count(c => c.Failure is not null)} clients failed, e.g.: {failed.Failure}");
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, List<Task> running)
    {
        await stop.CancelAsync();
        await Task.WhenAll(running).WaitAsync(StopTimeout);
    }

    private ScenarioResult Measure(MjpegClient[] clients, Window window, ProcessFigures figures)
    {
        var fast = clients.Where(c => !c.IsSlow).ToArray();
        var slow = clients.Where(c => c.IsSlow).ToArray();
        var fastParts = fast.Select(c => window.Parts(c.Log).ToArray()).ToArray();
        var slowParts = slow.Select(c => window.Parts(c.Log).ToArray()).ToArray();
        var slowAll = slowParts.SelectMany(p => p).ToArray();
        var middle = window.Start + (window.End - window.Start) / 2;
        return new ScenarioResult
        {
            Server = name,
            Clients = clients.Length,
            SlowClients = slow.Length,
            WindowSeconds = window.Seconds,
            FastFpsMin = fastParts.Length == 0 ? double.NaN : fastParts.Min(p => p.Length / window.Seconds),
            FastFpsMedian = Percentiles.Median(fastParts.Select(p => p.Length / window.Seconds)),
            DeliveredFrames = fastParts.Sum(p => p.Length) + slowAll.Length,
            LatencyP50Ms = Percentiles.Of(fastParts.SelectMany(p => p).Select(p => p.AgeMicros / 1000.0), 50),
            LatencyP99Ms = Percentiles.Of(fastParts.SelectMany(p => p).Select(p => p.AgeMicros / 1000.0), 99),
            SlowFpsMedian = Percentiles.Median(slowParts.Select(p => p.Length / window.Seconds)),
            SlowAgeP50Seconds = Percentiles.Of(slowAll.Select(p => p.AgeMicros / 1e6), 50),
            SlowAgeP99Seconds = Percentiles.Of(slowAll.Select(p => p.AgeMicros / 1e6), 99),
            SlowAgeP99FirstHalfSeconds = Percentiles.Of(slowAll.Where(p => p.ReceivedMicros < middle).Select(p => p.AgeMicros / 1e6), 99),
            SlowAgeP99SecondHalfSeconds = Percentiles.Of(slowAll.Where(p => p.ReceivedMicros >= middle).Select(p => p.AgeMicros / 1e6), 99),
            PartErrors = clients.Sum(c => c.Log.Errors),
            ServerCpuMilliseconds = figures.ServerCpuMilliseconds,
            ServerCpuPercent = figures.ServerCpuPercent,
            BenchCpuPercent = figures.BenchCpuPercent,
            RssBaselineBytes = figures.RssBaselineBytes,
            RssEndBytes = figures.RssEndBytes,
            SlowBytesPerSecondMedian = figures.SlowBytesPerSecondMedian,
            FailedClients = figures.FailedClients,
        };
    }

    /// <summary>What was read from /proc and the clients' counters at the edges of the window.</summary>
    private sealed record ProcessFigures(
        double ServerCpuMilliseconds,
        double ServerCpuPercent,
        double BenchCpuPercent,
        long RssBaselineBytes,
        long RssEndBytes,
        double SlowBytesPerSecondMedian,
        int FailedClients);

    private readonly record struct Window(long Start, long End)
    {
        public double Seconds => (End - Start) / 1e6;

        public IEnumerable<PartRecord> Parts(PartLog log) => log.Between(Start, End);
    }
}
