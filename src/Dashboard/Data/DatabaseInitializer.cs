using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Dashboard.Data;

/// <summary>
/// Creates the data directory, applies migrations and runs the seeders, once, before anything reads the database. Every
/// consumer awaits the same task. On PostgreSQL the whole of it holds <see cref="InitializationLock"/>, so nodes starting
/// together on one empty database migrate and seed it once.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DashboardOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    private readonly Lazy<Task> _initialized = new(() => InitializeAsync(scopes, options.Value, logger));

    public Task EnsureInitializedAsync(CancellationToken cancellationToken = default) =>
        _initialized.Value.WaitAsync(cancellationToken);

    private static async Task InitializeAsync(IServiceScopeFactory scopes, DashboardOptions options, ILogger logger)
    {
        Directory.CreateDirectory(options.DataDirectory);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        if (db.Database.IsSqlite())
        {
            // The write-ahead log (kept in the file once set): readers no longer block writers nor writers readers, so
            // the Events page, motion and camera saves go on side by side (ConcurrentWritesTests).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }

        await using (await InitializationLock.AcquireAsync(db.Database, CancellationToken.None))
        {
            // Npgsql's migrator reads the history table before migrating; on an empty database that read fails and EF
            // logs it as an error. Creating the (empty) table first spares the log a false alarm on every first start.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
            await db.Database.MigrateAsync();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder>().OrderBy(s => s.Order))
            {
                await seeder.SeedAsync(db, CancellationToken.None);
            }
        }

        LogReady(logger, db.Database.ProviderName ?? "?", options.DataDirectory);
    }

    private static void LogReady(ILogger logger, string provider, string dataDirectory) =>
#pragma warning disable CA1848 // Once per start.
        logger.LogInformation("Database ready ({Provider}); data directory {DataDirectory}", provider, dataDirectory);
#pragma warning restore CA1848
}
