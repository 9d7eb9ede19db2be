namespace Dashboard.Cameras;

internal static class CameraExtensions
{
    /// <summary>Adding, changing, removing and controlling cameras from the dashboard, with their change log.</summary>
    public static IHostApplicationBuilder AddCameraManagement(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ICameraStatisticsSource, RegistryStatisticsSource>();
        builder.Services.AddOptions<CameraManagementOptions>().BindConfiguration(CameraManagementOptions.SectionName);
        builder.Services.AddScoped<CameraManagement>();
        builder.Services.AddSingleton<CameraConnectionTest>();
        builder.Services.AddSingleton<CameraAudit>();
        builder.Services.AddSingleton<Streaming.Http.ICameraErrorAccess, OperatorsSeeCameraErrors>();
        return builder;
    }
}
