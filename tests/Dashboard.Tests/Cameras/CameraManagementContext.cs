using Dashboard.Cameras;
using Dashboard.Data;
using Dashboard.Tests.Support;
using Dashboard.Tests.Tiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

/// <summary>
/// The bUnit base of the camera pages' component tests: what <see cref="CameraManagement"/> needs (an in-memory
/// database, a camera registry, the audit), registered once here and disposed after the test.
/// </summary>
public abstract class CameraManagementContext : BunitDashboardContext
{
    /// <param name="registry">The cameras (a registry of the tiles' test sources unless given).</param>
    protected CameraManagementContext(CameraRegistry? registry = null)
    {
        Registry = registry ?? TileTestServices.NewRegistry();
        Services.AddSingleton<IDbContextFactory<DashboardDbContext>>(Db);
        Services.AddSingleton(Registry);
        Services.AddSingleton(Options.Create(new CameraManagementOptions()));
        Services.AddScoped<CameraManagement>();
        Services.AddSingleton<CameraAudit>();
        Services.AddSingleton(TimeProvider.System);
    }

    internal InMemoryDashboardDb Db { get; } = new();

    internal CameraRegistry Registry { get; }

    protected override async Task DisposeTestAsync()
    {
        await Registry.DisposeAsync();
        Db.Dispose();
    }
}
