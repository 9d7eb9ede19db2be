namespace Dashboard.Operations;

/// <summary>
/// Gives the memory the start-up used back once the app has started and settled: building the EF Core model,
/// migrating, seeding, reading the key ring and the static-asset manifest leave garbage that an idle app, which
/// allocates next to nothing, would otherwise keep resident until some later collection (11 MB of 170 on x64,
/// docs/benchmarks.md, "Footprint"). One blocking, compacting collection in aggressive mode, which also decommits the
/// freed regions, <see cref="Delay"/> after the start: right at <c>ApplicationStarted</c> the hosted services and the
/// first requests were still at work, and what they held survived it (2 MB more resident at idle).
/// </summary>
internal sealed class StartupTrim(IHostApplicationLifetime lifetime, TimeProvider time) : IHostedService, IDisposable
{
    /// <summary>How long after the start the collection runs (once).</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _timer = time.CreateTimer(_ => Trim(), null, Delay, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    internal static void Trim() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
