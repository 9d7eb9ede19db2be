using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Cameras.Components;
using Dashboard.Tests.Tiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Motion;
using static Dashboard.Tests.Motion.TestZones;

namespace Dashboard.Tests.Cameras;

/// <summary>The camera form's motion fields: saved through camera management, logged, checked, and the zones left alone.</summary>
public sealed class CameraFormMotionTests : CameraManagementContext
{
    private readonly CameraDefinition _porch = TileTestServices.TestPattern("porch", "Porch") with { Motion = new MotionSettings { Zones = [Driveway] } };

    public CameraFormMotionTests() => SignInAs("otto", DashboardRoles.Operator);

    public override Task InitializeAsync() => StoreAsync(_porch);

    [Fact]
    public async Task TurningDetectionOnWithASensitivityAndAreaSavesThemLogsThemAndKeepsTheZones()
    {
        var draft = await Services.GetRequiredService<CameraManagement>().OpenForEditAsync("porch");
        var editor = Render<CameraEditor>(p => p.Add(e => e.Model, CameraFormModel.From(draft!)));

        editor.FindAll(".mud-switch").Single(s => s.TextContent.Contains("Detect motion", StringComparison.Ordinal)).QuerySelector("input")!.Change(true);
        editor.Find("input[type=range][aria-label='Motion sensitivity']").Input(80);
        editor.InputLabelled("Minimum area (%)").Input("2.5");
        Assert.Contains("1 zone, drawn on the camera's page", editor.Markup, StringComparison.Ordinal);
        await editor.Find("button:contains('Save')").ClickAsync(new());

        await Eventually.HoldsAsync(async () => (await StoredAsync("porch")).Motion.Enabled, "detection is stored as on");
        var stored = (await StoredAsync("porch")).Motion;
        Assert.Equal((true, 80, 2.5), (stored.Enabled, stored.Sensitivity, stored.MinimumArea));
        Assert.Equal([Driveway], stored.Zones);
        Assert.Equal(stored, Registry.Find("porch")!.Definition.Motion);
        Assert.Equal(["Motion enabled: off -> on; Motion sensitivity: 50 -> 80; Motion minimum area: 1 -> 2.5"], await ChangeLogAsync("porch"));
    }

    [Fact]
    public async Task AMinimumAreaOutsideItsRangeIsNamedUnderTheField()
    {
        var form = Render<CameraForm>(p => p.Add(f => f.Model, new CameraFormModel { Id = "garage", MotionEnabled = true, MotionMinimumArea = 0 }).Add(f => f.IsNew, true));

        Assert.False(await form.InvokeAsync(() => form.Instance.ValidateAsync()));

        form.WaitForAssertion(() => Assert.Equal("Motion minimum area must be 0.01-100 % of the picture (got 0).", form.ErrorUnder("Minimum area (%)")));
    }

    [Fact]
    public void AModelFromAStoredCameraKeepsItsZonesWhateverTheFormChanges()
    {
        var model = CameraFormModel.From(new CameraDraft(_porch, 1));
        model.Name = "Front porch";
        model.MotionEnabled = true;
        model.MotionSensitivity = 10;

        var saved = model.ToDefinition();

        Assert.Equal([Driveway], saved.Motion.Zones);
        Assert.Equal((true, 10, MotionSettings.DefaultMinimumArea), (saved.Motion.Enabled, saved.Motion.Sensitivity, saved.Motion.MinimumArea));
    }
}
