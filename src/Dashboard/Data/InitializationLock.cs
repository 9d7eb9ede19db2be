using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Dashboard.Data;

/// <summary>
/// Lets one node at a time migrate and seed a PostgreSQL database shared by several: a session-level advisory lock
/// (<c>pg_advisory_lock</c>) on a connection of its own, held from before the migrations until the last seeder has saved,
/// so a node starting at the same moment waits, then finds the schema, the admin, the cameras and the settings in place.
/// A node that dies while holding it releases it with its connection. EF Core's own migration lock is not enough: it
/// is held per migration transaction, not across the seeders, and two nodes migrating an empty database at once still
/// applied the same migration twice with it ("column ... already exists", EF Core 10.0.15, Npgsql 10.0.3). SQLite has
/// one node per file: nothing to wait for, and nothing of Npgsql is loaded for it (<see cref="AcquireAsync"/> names the
/// provider by its string, and the PostgreSQL work is a method of its own, so a SQLite dashboard maps neither Npgsql
/// assembly: 2.5 MB of its idle memory, docs/benchmarks.md "Footprint").
/// </summary>
internal static class InitializationLock
{
    // Any constant shared by the nodes: "cam-dash" in ASCII.
    private const long Key = 0x63616D2D64617368;

    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    public static Task<IAsyncDisposable> AcquireAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        database.ProviderName == DatabaseProvider.PostgresProvider
            ? AcquirePostgresLockAsync(database.GetConnectionString(), cancellationToken)
            : Task.FromResult<IAsyncDisposable>(NotNeeded.Instance);

    [MethodImpl(MethodImplOptions.NoInlining)] // Inlined, its Npgsql types would load with the caller.
    private static async Task<IAsyncDisposable> AcquirePostgresLockAsync(string? connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = (int)LongestWait.TotalSeconds };
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                unlock.Parameters.AddWithValue("key", Key);
                await unlock.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>SQLite's: no lock, and no Npgsql type in its code.</summary>
    private sealed class NotNeeded : IAsyncDisposable
    {
        public static readonly NotNeeded Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
