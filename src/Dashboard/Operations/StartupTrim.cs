namespace Dashboard.Operations;

/// <summary>
/// Gives the memory the start-up used back once the app has started: building the EF Core model, migrating, seeding,
/// reading the key ring and the static-asset manifest leave garbage that an idle app, which allocates next to
/// nothing, would otherwise keep resident until some later collection (11 MB of 170 on x64, docs/benchmarks.md,
/// "Footprint"). One blocking, compacting collection in aggressive mode, which also decommits the freed regions.
/// </summary>
internal sealed class StartupTrim(IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => ThreadPool.UnsafeQueueUserWorkItem(_ => Trim(), null));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static void Trim() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
