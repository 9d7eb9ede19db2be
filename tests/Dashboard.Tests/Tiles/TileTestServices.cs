using Dashboard.Data;
using Dashboard.Tiles;
using Dashboard.Tiles.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming;
using Streaming.Cameras;
using Streaming.Motion;
using Streaming.Sources;

namespace Dashboard.Tests.Tiles;

/// <summary>What the tile components need, with real cameras (they stay idle until something subscribes) and an in-memory database.</summary>
internal static class TileTestServices
{
    public static CameraRegistry NewRegistry() => new(
        new FrameSourceFactory(TimeProvider.System),
        Options.Create(new StreamingOptions { IdleTimeout = TimeSpan.Zero }),
        TimeProvider.System,
        NullLoggerFactory.Instance);

    public static void AddTiles(this IServiceCollection services, CameraRegistry registry, InMemoryDashboardDb db)
    {
        services.AddSingleton(registry);
        services.AddSingleton<IDbContextFactory<DashboardDbContext>>(db);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new TileOptions()));
        services.AddSingleton<Dashboard.Tiles.UserPreferenceStore>();
        services.AddSingleton<GridPreferences>();
        services.AddScoped<TileScript>();

        // Not started: every camera's motion state is "off", as for cameras without detection.
        var motion = new MotionOptions { ClipDirectory = Path.GetTempPath() };
        services.AddSingleton(new MotionService(registry, Options.Create(motion), new ClipStorage(motion), [], NullLoggerFactory.Instance));
    }

    public static CameraDefinition TestPattern(string id, string? name = null) =>
        new() { Id = id, Name = name ?? "", Kind = CameraKind.TestPattern, Width = 320, Height = 240, Fps = 10 };

    /// <summary>An OpenCv camera with no device, file or URL: invalid, so it is Failed with a sentence saying why.</summary>
    public static CameraDefinition Broken(string id) => new() { Id = id, Kind = CameraKind.OpenCv };
}
