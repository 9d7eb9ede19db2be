using Dashboard.Access;
using Dashboard.Shell;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using MudBlazor.Services;

namespace Dashboard;

internal static class DashboardExtensions
{
    /// <summary>Blazor (interactive server) with MudBlazor.</summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        // Run from the build output (dotnet run, bin/), Blazor's and MudBlazor's files live in the packages, and the
        // slim builder (Program.cs) does not serve them even in Development; without this the page would load without
        // its scripts. A published app has no such manifest (its wwwroot holds the files) and this does nothing.
        if (builder.Environment is IWebHostEnvironment web)
        {
            StaticWebAssetsLoader.UseStaticWebAssets(web, builder.Configuration);
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
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
