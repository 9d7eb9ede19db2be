using Dashboard.Access;
using Dashboard.Cameras.Components;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

public sealed class CameraListTests : CameraManagementContext
{

    public CameraListTests()
    {
    }

    [Fact]
    public void NoCamerasAtAllIsAnEmptyStateNotAnEmptyTable()
    {
        SignInAs("vic", DashboardRoles.Viewer);

        var list = Render<CameraList>();

        Assert.Contains("There are no cameras yet.", list.Markup, StringComparison.Ordinal);
        Assert.Contains("Ask an administrator to add one.", list.Markup, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("table"));
    }

    [Fact]
    public async Task ViewerSeesCamerasWithoutEditOrRemoveButtons()
    {
        await Registry.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "porch", Name = "Porch" }));
        SignInAs("vic", DashboardRoles.Viewer);

        var list = Render<CameraList>();

        Assert.Contains("Porch", list.Find("tr[data-camera=porch]").TextContent, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("[aria-label='Edit Porch']"));
        Assert.Empty(list.FindAll("[aria-label='Remove Porch']"));
    }

    [Fact]
    public async Task AdminSeesEditAndRemove()
    {
        await Registry.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "porch", Name = "Porch" }));
        SignInAs("ada", DashboardRoles.Admin);

        var list = Render<CameraList>();

        Assert.Single(list.FindAll("[aria-label='Edit Porch']"));
        Assert.Single(list.FindAll("[aria-label='Remove Porch']"));
    }

    [Fact]
    public async Task CameraAddedElsewhereAppearsWithoutReload()
    {
        SignInAs("vic", DashboardRoles.Viewer);
        var list = Render<CameraList>();

        await Registry.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "yard", Name = "Yard" }));

        list.WaitForAssertion(() => Assert.Single(list.FindAll("tr[data-camera=yard]")));
    }
}
