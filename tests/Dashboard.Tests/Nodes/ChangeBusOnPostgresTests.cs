using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dashboard.Tests.Nodes;

/// <summary>
/// Two nodes' change buses on one real PostgreSQL: what one publishes the other applies within 2 s, pushed by
/// <c>LISTEN/NOTIFY</c>; a node does not apply its own changes again; a node whose listening connection is cut listens
/// again by itself and reads everything again, since it may have missed something.
/// </summary>
[Collection(PostgresServer.Name)]
public sealed class ChangeBusOnPostgresTests(ThrowawayPostgres postgres) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await postgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task AChangeOneNodePublishesIsAppliedOnTheOtherWithinTwoSecondsAndNotOnItself()
    {
        var (a, seenByA) = await StartNodeAsync();
        var (_, seenByB) = await StartNodeAsync();

        var publishing = Stopwatch.StartNew();
        await a.PublishAsync(new NodeChange(NodeChangeKind.ShareLinkRevoked, "3f2b8c1e-0000-0000-0000-000000000001"));
        var seen = await seenByB.ReadAsync().AsTask().WaitAsync(Promise.Within);

        Assert.Equal(new NodeChange(NodeChangeKind.ShareLinkRevoked, "3f2b8c1e-0000-0000-0000-000000000001"), seen);
        Assert.InRange(publishing.Elapsed, TimeSpan.Zero, Promise.Within);
        await a.PublishAsync(new NodeChange(NodeChangeKind.CameraChanged, "porch"));
        Assert.Equal(new NodeChange(NodeChangeKind.CameraChanged, "porch"), await seenByB.ReadAsync().AsTask().WaitAsync(Promise.Within));
        Assert.False(seenByA.TryRead(out var own), $"node A applied its own change {own}");
    }

    [Fact]
    public async Task ANodeWhoseListeningConnectionIsCutListensAgainAndReadsEverythingAgain()
    {
        var (a, _) = await StartNodeAsync();
        var (_, seenByB) = await StartNodeAsync();

        await using (var admin = new NpgsqlConnection(_connectionString))
        {
            await admin.OpenAsync();
            await using var cut = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()", admin);
            await cut.ExecuteNonQueryAsync();
        }

        Assert.Equal(NodeChangeKind.Resync, (await seenByB.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Kind);
        await a.PublishAsync(new NodeChange(NodeChangeKind.UserChanged, "user-1"));
        Assert.Equal(new NodeChange(NodeChangeKind.UserChanged, "user-1"), await seenByB.ReadAsync().AsTask().WaitAsync(Promise.Within));
    }

    [Fact]
    public async Task TheMigrationsBuildTheSchemaOnARealPostgreSql()
    {
        await using var db = new PostgresDashboardDbContext(new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql(_connectionString).Options);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.MachineTokens.CountAsync());
        Assert.Equal(0, await db.DataProtectionKeys.CountAsync());
    }

    private async Task<(PostgresChangeBus Bus, ChannelReader<NodeChange> Seen)> StartNodeAsync()
    {
        var seen = Channel.CreateUnbounded<NodeChange>();
        var database = NpgsqlDataSource.Create(_connectionString);
        var services = new ServiceCollection().AddSingleton<INodeChangeHandler>(new Recorder(seen.Writer)).BuildServiceProvider();
        var bus = new PostgresChangeBus(database, services, TimeProvider.System, NullLogger<PostgresChangeBus>.Instance);
        _owned.Add(services);
        _owned.Add(database);
        _owned.Add(new Stopping(bus));
        await bus.StartAsync(CancellationToken.None);
        await bus.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        return (bus, seen.Reader);
    }

    private sealed class Recorder(ChannelWriter<NodeChange> seen) : INodeChangeHandler
    {
        public Task ApplyAsync(NodeChange change, CancellationToken cancellationToken)
        {
            seen.TryWrite(change);
            return Task.CompletedTask;
        }
    }

    private sealed class Stopping(PostgresChangeBus bus) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await bus.StopAsync(CancellationToken.None);
            bus.Dispose();
        }
    }
}
