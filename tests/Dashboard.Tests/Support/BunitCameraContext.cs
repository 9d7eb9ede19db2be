using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Data;
using Dashboard.Tests.Tiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Cameras;

namespace Dashboard.Tests.Support;

/// <summary>
/// bUnit with camera management over the real model in memory, signed in as the operator "otto": for components
/// that save cameras. <see cref="StoreAsync"/> stores a camera and runs it.
/// </summary>
public abstract class BunitCameraContext : BunitDashboardContext
{
    private readonly InMemoryDashboardDb _db = new();

    protected BunitCameraContext()
    {
        Services.AddSingleton<IDbContextFactory<DashboardDbContext>>(_db);
        Services.AddSingleton(Cameras);
        Services.AddSingleton(Options.Create(new CameraManagementOptions()));
        Services.AddScoped<CameraManagement>();
        Services.AddSingleton<CameraAudit>();
        Authorization.SetAuthorized("otto").SetRoles(DashboardRoles.Operator).SetPolicies(DashboardPolicies.View, DashboardPolicies.Operate);
    }

    protected CameraRegistry Cameras { get; } = TileTestServices.NewRegistry();

    protected async Task StoreAsync(CameraDefinition camera)
    {
        await using (var db = _db.CreateDbContext())
        {
            db.Cameras.Add(CameraRecord.From(camera, 0, TimeProvider.System.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await Cameras.AddOrUpdateAsync(new ConfiguredCamera(camera));
    }

    protected async Task<CameraDefinition> StoredAsync(string id)
    {
        await using var db = _db.CreateDbContext();
        return (await db.Cameras.AsNoTracking().SingleAsync(c => c.Id == id)).ToDefinition();
    }

    /// <summary>The details of the camera's change log, newest first.</summary>
    protected async Task<IReadOnlyList<string>> ChangeLogAsync(string id) =>
        [.. (await Services.GetRequiredService<CameraAudit>().ListAsync(id)).Select(e => e.Details)];

    protected override async Task DisposeTestAsync()
    {
        await Cameras.DisposeAsync();
        _db.Dispose();
    }
}
