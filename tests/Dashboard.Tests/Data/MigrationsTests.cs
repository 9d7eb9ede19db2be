using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Tests.Data;

/// <summary>
/// SQLite and PostgreSQL each have their own migrations; both must describe the current model, so switching
/// <c>ConnectionStrings:Dashboard</c> to PostgreSQL needs no code change.
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrationsMatchTheModel()
    {
        using var db = new SqliteDashboardDbContext(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrationsMatchTheModelAndUseNativeTypes()
    {
        using var db = new PostgresDashboardDbContext(new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql("Host=localhost;Database=dashboard").Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal(
            db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]),
            new SqliteDashboardDbContext(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=:memory:").Options)
                .Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
        var sql = db.GetService<IMigrator>().GenerateScript();
        Assert.Contains("timestamp with time zone", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionStringChoosesTheProvider()
    {
        Assert.True(DatabaseProvider.IsPostgres("Host=db.lan;Database=cameras;Username=dashboard;Password=secret"));
        Assert.False(DatabaseProvider.IsPostgres("Data Source=/var/lib/camera-dashboard/dashboard.db"));
        Assert.False(DatabaseProvider.IsPostgres(null));
    }
}
