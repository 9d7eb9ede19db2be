using Dashboard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Support;

/// <summary>The dashboard's real SQLite model in memory: one open connection shared by every context it creates.</summary>
internal sealed class InMemoryDashboardDb : IDbContextFactory<DashboardDbContext>, IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public InMemoryDashboardDb()
    {
        _connection.Open();
        using var db = CreateDbContext();
        db.Database.EnsureCreated();
    }

    public DashboardDbContext CreateDbContext() =>
        new SqliteDashboardDbContext(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite(_connection).Options);

    public void Dispose() => _connection.Dispose();
}
