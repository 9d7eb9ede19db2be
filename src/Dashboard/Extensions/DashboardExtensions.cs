using Dashboard.Cameras;
using Dashboard.Components;
using Dashboard.Preferences;
using Dashboard.Security;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using MudBlazor.Services;

namespace Dashboard.Extensions;

internal static class DashboardExtensions
{
    /// <summary>Blazor (interactive server) with MudBlazor.</summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        // Run from the build output (dotnet run, bin/), Blazor's and MudBlazor's files live in the packages and
        // the host serves them only in Development; elsewhere the page would load without its scripts. A published
        // app has no such manifest (its wwwroot holds the files) and this does nothing.
        if (builder.Environment is IWebHostEnvironment web && !web.IsDevelopment())
        {
            StaticWebAssetsLoader.UseStaticWebAssets(web, builder.Configuration);
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<ICameraStatisticsSource, RegistryStatisticsSource>();
        builder.Services.AddOptions<CameraManagementOptions>().BindConfiguration(CameraManagementOptions.SectionName);
        builder.Services.AddScoped<CameraManagement>();
        builder.Services.AddSingleton<CameraConnectionTest>();
        builder.Services.AddSingleton<CameraAudit>();
        builder.Services.AddSingleton<Streaming.Http.ICameraErrorAccess, OperatorsSeeCameraErrors>();
        builder.Services.AddSingleton<UserPreferenceStore>();
        return builder;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        // Friendly pages for people; feeds and the API keep their plain status and text.
        app.UseWhen(
            context => !RawEndpoints.Match(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        return app;
    }

    /// <summary>Static assets and the pages; every page needs a dashboard role unless it allows anonymous access (sign-in).</summary>
    public static IEndpointConventionBuilder MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets();
        return app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(DashboardPolicies.View);
    }
}
