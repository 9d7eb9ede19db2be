using Bunit;
using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Cameras.Components;
using Dashboard.Data;
using Dashboard.Tests.Support;
using Dashboard.Tests.Tiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

public sealed class CameraListTests : BunitDashboardContext
{
    private readonly InMemoryDashboardDb _db = new();
    private readonly CameraRegistry _cameras = TileTestServices.NewRegistry();

    public CameraListTests()
    {
        Services.AddSingleton<IDbContextFactory<DashboardDbContext>>(_db);
        Services.AddSingleton(_cameras);
        Services.AddSingleton(Options.Create(new CameraManagementOptions()));
        Services.AddScoped<CameraManagement>();
        Services.AddSingleton<CameraAudit>();
        Services.AddSingleton(TimeProvider.System);
    }

    protected override async Task DisposeTestAsync()
    {
        await _cameras.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public void NoCamerasAtAllIsAnEmptyStateNotAnEmptyTable()
    {
        Authorization.SetAuthorized("vic").SetRoles(DashboardRoles.Viewer).SetPolicies(DashboardPolicies.View);

        var list = Render<CameraList>();

        Assert.Contains("There are no cameras yet.", list.Markup, StringComparison.Ordinal);
        Assert.Contains("Ask an administrator to add one.", list.Markup, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("table"));
    }

    [Fact]
    public async Task ViewerSeesCamerasWithoutEditOrRemoveButtons()
    {
        await _cameras.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "porch", Name = "Porch" }));
        Authorization.SetAuthorized("vic").SetRoles(DashboardRoles.Viewer).SetPolicies(DashboardPolicies.View);

        var list = Render<CameraList>();

        Assert.Contains("Porch", list.Find("tr[data-camera=porch]").TextContent, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("[aria-label='Edit Porch']"));
        Assert.Empty(list.FindAll("[aria-label='Remove Porch']"));
    }

    [Fact]
    public async Task AdminSeesEditAndRemove()
    {
        await _cameras.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "porch", Name = "Porch" }));
        Authorization.SetAuthorized("ada").SetRoles(DashboardRoles.Admin).SetPolicies(DashboardPolicies.View, DashboardPolicies.Operate, DashboardPolicies.Administer);

        var list = Render<CameraList>();

        Assert.Single(list.FindAll("[aria-label='Edit Porch']"));
        Assert.Single(list.FindAll("[aria-label='Remove Porch']"));
    }

    [Fact]
    public async Task CameraAddedElsewhereAppearsWithoutReload()
    {
        Authorization.SetAuthorized("vic").SetRoles(DashboardRoles.Viewer).SetPolicies(DashboardPolicies.View);
        var list = Render<CameraList>();

        await _cameras.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "yard", Name = "Yard" }));

        list.WaitForAssertion(() => Assert.Single(list.FindAll("tr[data-camera=yard]")));
    }
}
