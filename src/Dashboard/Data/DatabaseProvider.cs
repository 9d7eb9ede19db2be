using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Data;

/// <summary>
/// Chooses the EF Core provider from <c>ConnectionStrings:Dashboard</c>: none or a SQLite string
/// (<c>Data Source=...</c>) means SQLite in the data directory; a PostgreSQL string (<c>Host=...</c>) means
/// PostgreSQL. Each provider has its own context subclass and migrations.
/// </summary>
internal static class DatabaseProvider
{
    public const string ConnectionStringName = "Dashboard";

    /// <summary>The PostgreSQL provider's name (<c>DatabaseFacade.ProviderName</c>), without loading the provider to ask it.</summary>
    public const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Registers the context for the provider the connection string names. The SQLite path is resolved when
    /// the first context is made, from the bound <see cref="DashboardOptions"/>.
    /// </summary>
    public static void Register(IServiceCollection services, string? connectionString)
    {
        if (IsPostgres(connectionString))
        {
            Add<PostgresDashboardDbContext>(services, (_, options) => options.UseNpgsql(connectionString));
        }
        else
        {
            // Microsoft.Data.Sqlite itself retries a busy or locked database until the command timeout (30 s); the
            // write-ahead log DatabaseInitializer turns on keeps readers and writers from blocking each other.
            Add<SqliteDashboardDbContext>(services, (sp, options) => options.UseSqlite(
                string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={Path.Combine(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.DataDirectory, "dashboard.db")}"
                    : connectionString));
        }
    }

    public static bool IsPostgres(string? connectionString) =>
        connectionString?.Contains("Host=", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Registers the provider's context and exposes it as <see cref="DashboardDbContext"/> (scoped and as a factory). The
    /// sign-in keys live in it, so every node on one database accepts the cookies any of them issued.
    /// </summary>
    private static void Add<TContext>(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
        where TContext : DashboardDbContext
    {
        services.AddDbContextFactory<TContext>((sp, options) =>
        {
            configure(sp, options);
            // EF Core's check at each start that the model has no change without a migration builds the snapshot's
            // model and compares the two: work (and memory) a server does not need, since MigrationsTests checks it
            // at build time (docs/benchmarks.md, "Footprint").
            options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        services.AddDataProtection().SetApplicationName("camera-dashboard").PersistKeysToDbContext<TContext>();
        services.TryAddScoped<DashboardDbContext>(sp => sp.GetRequiredService<TContext>());
        services.TryAddSingleton<IDbContextFactory<DashboardDbContext>>(sp => new Factory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    private sealed class Factory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DashboardDbContext>
        where TContext : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
