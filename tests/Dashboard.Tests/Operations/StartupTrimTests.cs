using Dashboard.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Operations;

public sealed class StartupTrimTests
{
    [Fact]
    public async Task AFullCompactingCollectionRunsOnceTheAppHasStartedAndTheDelayHasPassed()
    {
        var lifetime = new Lifetime();
        var time = new FakeTimeProvider();
        var trim = new StartupTrim(lifetime, time);
        await trim.StartAsync(CancellationToken.None);
        await lifetime.StartedSource.CancelAsync();
        var before = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;

        time.Advance(StartupTrim.Delay);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (GC.GetGCMemoryInfo(GCKind.FullBlocking) is var last && !(last.Index > before && last.Compacted && last.Generation == GC.MaxGeneration))
        {
            Assert.True(DateTime.UtcNow < deadline, "no full compacting collection within 10 s of the delay");
            await Task.Delay(10);
        }

        await trim.StopAsync(CancellationToken.None);
        trim.Dispose();
        lifetime.StartedSource.Dispose();
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource StartedSource { get; } = new();

        public CancellationToken ApplicationStarted => StartedSource.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
