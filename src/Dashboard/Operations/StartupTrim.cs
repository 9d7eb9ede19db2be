using System.Runtime.InteropServices;

namespace Dashboard.Operations;

/// <summary>
/// Gives the memory the start-up used back once the app has started and settled: building the EF Core model,
/// migrating, seeding, reading the key ring and the static-asset manifest leave garbage that an idle app, which
/// allocates next to nothing, would otherwise keep resident until some later collection (11 MB of 170 on x64,
/// docs/benchmarks.md, "Footprint"). One blocking, compacting collection in aggressive mode, which also decommits the
/// freed regions, <see cref="Delay"/> after the start: right at <c>ApplicationStarted</c> the hosted services and the
/// first requests were still at work, and what they held survived it (2 MB more resident at idle). Then the same for
/// native memory: the JIT, SQLite and OpenSSL free what they allocated to start, but glibc keeps freed blocks inside
/// its heap resident; <c>malloc_trim</c> hands their pages back (4 MB at idle on x64).
/// </summary>
internal sealed partial class StartupTrim(IHostApplicationLifetime lifetime, TimeProvider time) : IHostedService, IDisposable
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

    internal static void Trim()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0); // 1 if it gave memory back, 0 if there was none to give: either is fine.
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to hand back this way.
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
