using Dashboard.Cameras;
using Dashboard.Data;
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

    /// <summary>Stores <paramref name="camera"/> as a saved camera and runs it.</summary>
    protected async Task StoreAsync(CameraDefinition camera)
    {
        await using (var db = Db.CreateDbContext())
        {
            db.Cameras.Add(CameraRecord.From(camera, 0, TimeProvider.System.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await Registry.AddOrUpdateAsync(new ConfiguredCamera(camera));
    }

    protected async Task<CameraDefinition> StoredAsync(string id)
    {
        await using var db = Db.CreateDbContext();
        return (await db.Cameras.AsNoTracking().SingleAsync(c => c.Id == id)).ToDefinition();
    }

    /// <summary>The details of the camera's change log, newest first.</summary>
    protected async Task<IReadOnlyList<string>> ChangeLogAsync(string id) =>
        [.. (await Services.GetRequiredService<CameraAudit>().ListAsync(id)).Select(e => e.Details)];

    protected override async Task DisposeTestAsync()
    {
        await Registry.DisposeAsync();
        Db.Dispose();
    }
}
