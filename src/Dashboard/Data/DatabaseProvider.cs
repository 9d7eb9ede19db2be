using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Data;

/// <summary>
/// Chooses the EF Core provider from <c>ConnectionStrings:Dashboard</c>: none or a SQLite string
/// (<c>Data Source=...</c>) means SQLite in the data directory; a PostgreSQL string (<c>Host=...</c>) means
/// PostgreSQL. Each provider has its own context subclass and migrations.
/// </summary>
internal static class DatabaseProvider
{
    public const string ConnectionStringName = "Dashboard";

    public static void Register(IServiceCollection services, string? connectionString, string dataDirectory)
    {
        if (IsPostgres(connectionString))
        {
            Add<PostgresDashboardDbContext>(services, options => options.UseNpgsql(connectionString));
        }
        else
        {
            var sqlite = string.IsNullOrWhiteSpace(connectionString)
                ? $"Data Source={Path.Combine(dataDirectory, "dashboard.db")}"
                : connectionString;
            Add<SqliteDashboardDbContext>(services, options => options.UseSqlite(sqlite));
        }
    }

    public static bool IsPostgres(string? connectionString) =>
        connectionString is not null
        && (connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase));

    /// <summary>Registers the provider's context and exposes it as <see cref="DashboardDbContext"/> (scoped and as a factory).</summary>
    private static void Add<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : DashboardDbContext
    {
        services.AddDbContextFactory<TContext>(configure);
        services.TryAddScoped<DashboardDbContext>(sp => sp.GetRequiredService<TContext>());
        services.TryAddSingleton<IDbContextFactory<DashboardDbContext>>(sp => new Factory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    private sealed class Factory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DashboardDbContext>
        where TContext : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
