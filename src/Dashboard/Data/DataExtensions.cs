using Dashboard.Cameras;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Streaming;
using Streaming.Cameras;

namespace Dashboard.Data;

internal static class DataExtensions
{
    /// <summary>
    /// The database (SQLite in the data directory unless <c>ConnectionStrings:Dashboard</c> names PostgreSQL),
    /// migrated and seeded on start, and the cameras it holds.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<DashboardOptions>(DashboardOptions.SectionName);

        // Before the provider (which adds Data Protection): hosted services start in order, and Data Protection's reads
        // the key ring from the database, which must be migrated by then.
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService<DatabaseInitializerService>();
        DatabaseProvider.Register(services, builder.Configuration.GetConnectionString(DatabaseProvider.ConnectionStringName));
        services.AddScoped<IDatabaseSeeder, CameraConfigurationSync>();
        services.Replace(ServiceDescriptor.Singleton<ICameraCatalog, DatabaseCameraCatalog>());
        return builder;
    }
}
