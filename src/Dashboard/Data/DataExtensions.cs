using Dashboard.Cameras;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        DatabaseProvider.Register(services, builder.Configuration.GetConnectionString(DatabaseProvider.ConnectionStringName));

        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService<DatabaseInitializerService>();
        services.AddScoped<IDatabaseSeeder, CameraConfigurationSync>();
        services.Replace(ServiceDescriptor.Singleton<ICameraCatalog, DatabaseCameraCatalog>());
        return builder;
    }
}
