using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Data;

/// <summary>
/// Makes every SQLite connection wait for a lock held by another (<c>busy_timeout</c>) instead of failing at once with
/// "database is locked": motion events, the change log, camera saves, sign-in keys and node announcements write from
/// several connections at once. With the write-ahead log <see cref="DatabaseInitializer"/> turns on, readers never
/// wait for a writer, so the wait is only ever for another writer's few milliseconds.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    // The longest a statement waits for another connection's write lock, in milliseconds.
    private const string Setup = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Setup;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Setup;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
