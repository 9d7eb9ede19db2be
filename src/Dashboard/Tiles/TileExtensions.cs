using Dashboard.Access;
using Dashboard.Tiles.Components;
using Streaming;

namespace Dashboard.Tiles;

internal static class TileExtensions
{
    /// <summary>The live camera grid: tile socket options, each user's grid preferences, the tiles' script.</summary>
    public static IHostApplicationBuilder AddDashboardTiles(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<TileOptions>(TileOptions.SectionName);
        services.AddSingleton<UserPreferenceStore>();
        services.AddSingleton<GridPreferences>();
        services.AddScoped<TileScript>();
        return builder;
    }

    /// <summary>
    /// Maps the tile socket (<c>/ws/tiles</c>) and adds the WebSocket middleware it needs. Returns the
    /// endpoint's convention builder, so the caller can chain <c>.RequireAuthorization(...)</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapDashboardTiles(this WebApplication app)
    {
        app.UseWebSockets();
        return app.Map(TileSocketEndpoint.Path, TileSocketEndpoint.HandleAsync)
            .RequireSameOrigin()
            .WithName("TileSocket");
    }
}
