using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Data;

/// <summary>
/// The app writes to its SQLite file from several places at once: motion events while a camera sees motion, the
/// change log and the camera when an operator saves zones, sign-in keys, node announcements. None of them may fail
/// with "database is locked" because another is writing or reading at that moment.
/// </summary>
public sealed class ConcurrentWritesTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-db-").FullName;
    private readonly ServiceProvider _services;

    public ConcurrentWritesTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new DashboardOptions { DataDirectory = _directory }));
        DatabaseProvider.Register(services, connectionString: null);
        services.AddSingleton<DatabaseInitializer>();
        _services = services.BuildServiceProvider();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 calls IAsyncLifetime's DisposeAsync on a test class, never IAsyncDisposable's (the database was left behind).
    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task WritersAndReadersAtTheSameTimeAllSucceed()
    {
        await _services.GetRequiredService<DatabaseInitializer>().EnsureInitializedAsync();
        var contexts = _services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

        // Six writers that each open an event, update it and log a change, as motion and camera saves do, beside two
        // readers that page through both tables, as the Events page and the camera history do.
        var writers = Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await using var db = await contexts.CreateDbContextAsync();
                var motion = new MotionEventRecord { Id = Guid.NewGuid(), CameraId = $"camera-{writer}", Start = DateTimeOffset.UnixEpoch.AddSeconds(i) };
                db.MotionEvents.Add(motion);
                db.AuditEntries.Add(new AuditEntry { CameraId = motion.CameraId, UserName = "test", Action = "changed", At = motion.Start });
                await db.SaveChangesAsync();
                motion.End = motion.Start.AddSeconds(1);
                motion.PeakScore = 0.5;
                await db.SaveChangesAsync();
            }
        }));
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var db = await contexts.CreateDbContextAsync();
                await db.MotionEvents.AsNoTracking().OrderByDescending(e => e.Start).Take(50).ToListAsync();
                await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Take(50).ToListAsync();
            }
        })).ToList();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        await using var check = await contexts.CreateDbContextAsync();
        Assert.Equal(240, await check.MotionEvents.CountAsync(e => e.End != null));
        Assert.Equal(240, await check.AuditEntries.CountAsync());
    }
}
