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
/// one node per file: nothing to wait for.
/// </summary>
internal static class InitializationLock
{
    // Any constant shared by the nodes: "cam-dash" in ASCII.
    private const long Key = 0x63616D2D64617368;

    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!database.IsNpgsql())
        {
            return Held.Nothing;
        }

        var connection = new NpgsqlConnection(database.GetConnectionString());
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

    private sealed class Held(NpgsqlConnection? connection) : IAsyncDisposable
    {
        public static readonly Held Nothing = new(null);

        public async ValueTask DisposeAsync()
        {
            if (connection is null)
            {
                return;
            }

            await using (connection)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                unlock.Parameters.AddWithValue("key", Key);
                await unlock.ExecuteNonQueryAsync();
            }
        }
    }
}
