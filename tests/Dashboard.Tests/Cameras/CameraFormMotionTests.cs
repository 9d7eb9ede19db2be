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
using Streaming.Motion;

namespace Dashboard.Tests.Cameras;

/// <summary>The camera form's motion fields: saved through camera management, logged, checked, and the zones left alone.</summary>
public sealed class CameraFormMotionTests : BunitDashboardContext
{
    private static readonly MotionZone Driveway = new()
    {
        Name = "Driveway",
        Mode = MotionZoneMode.Include,
        Points = [new(0.1, 0.5), new(0.6, 0.5), new(0.6, 0.9)],
    };

    private readonly InMemoryDashboardDb _db = new();
    private readonly CameraRegistry _cameras = TileTestServices.NewRegistry();
    private readonly CameraDefinition _porch = TileTestServices.TestPattern("porch", "Porch") with { Motion = new MotionSettings { Zones = [Driveway] } };

    public CameraFormMotionTests()
    {
        Services.AddSingleton<IDbContextFactory<DashboardDbContext>>(_db);
        Services.AddSingleton(_cameras);
        Services.AddSingleton(Options.Create(new CameraManagementOptions()));
        Services.AddScoped<CameraManagement>();
        Services.AddSingleton<CameraAudit>();
        Authorization.SetAuthorized("otto").SetRoles(DashboardRoles.Operator).SetPolicies(DashboardPolicies.View, DashboardPolicies.Operate);
    }

    public override async Task InitializeAsync()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.Cameras.Add(CameraRecord.From(_porch, 0, TimeProvider.System.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await _cameras.AddOrUpdateAsync(new ConfiguredCamera(_porch));
    }

    protected override async Task DisposeTestAsync()
    {
        await _cameras.DisposeAsync();
        _db.Dispose();
    }

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

        await Eventually.HoldsAsync(async () => (await StoredAsync()).Motion.Enabled, "detection is stored as on");
        var stored = (await StoredAsync()).Motion;
        Assert.Equal((true, 80, 2.5), (stored.Enabled, stored.Sensitivity, stored.MinimumArea));
        Assert.Equal([Driveway], stored.Zones);
        Assert.Equal(stored, _cameras.Find("porch")!.Definition.Motion);
        var logged = Assert.Single(await Services.GetRequiredService<CameraAudit>().ListAsync("porch"));
        Assert.Equal("Motion enabled: off -> on; Motion sensitivity: 50 -> 80; Motion minimum area: 1 -> 2.5", logged.Details);
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

    private async Task<CameraDefinition> StoredAsync()
    {
        await using var db = _db.CreateDbContext();
        return (await db.Cameras.AsNoTracking().SingleAsync(c => c.Id == "porch")).ToDefinition();
    }
}
