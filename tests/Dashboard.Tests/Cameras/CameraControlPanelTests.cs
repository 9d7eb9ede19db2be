using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Cameras.Components;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Sources;

namespace Dashboard.Tests.Cameras;

public sealed class CameraControlPanelTests : CameraManagementContext
{
    private readonly FakeDeviceSources _webcam;
    private Subscription? _viewer;

    public CameraControlPanelTests()
        : this(new FakeDeviceSources(new DeviceProperty("brightness", 10, -64, 64, 2), new DeviceProperty("gain", 0)))
    {
    }

    private CameraControlPanelTests(FakeDeviceSources webcam)
        : base(new CameraRegistry(webcam, Options.Create(new StreamingOptions()), TimeProvider.System, NullLoggerFactory.Instance))
    {
        _webcam = webcam;
        SignInAs("otto", DashboardRoles.Operator);
    }

    public override async Task InitializeAsync()
    {
        var camera = new CameraDefinition { Id = "desk", Width = 64, Height = 48 };
        await using (var db = Db.CreateDbContext())
        {
            db.Cameras.Add(CameraRecord.From(camera, 0, TimeProvider.System.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var running = await Registry.AddOrUpdateAsync(new ConfiguredCamera(camera));
        _viewer = running.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Feed });
        await Eventually.HoldsAsync(() => running.DeviceControls is not null, "the webcam is open");
    }

    protected override async Task DisposeTestAsync()
    {
        if (_viewer is not null)
        {
            await _viewer.DisposeAsync();
        }

        await base.DisposeTestAsync();
    }

    [Fact]
    public void OnlyTheControlsTheDeviceHasAreShown()
    {
        var panel = Render<CameraControlPanel>(p => p.Add(c => c.CameraId, "desk"));

        panel.WaitForAssertion(() => Assert.Equal(["brightness", "gain"], panel.FindAll("[data-property]").Select(e => e.GetAttribute("data-property"))));
        Assert.Contains("(-64 to 64)", panel.Find("[data-property=brightness]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-property=exposure]"));
    }

    [Fact]
    public async Task ValueTheDeviceRefusesGivesAMessageAndIsNotStored()
    {
        var panel = Render<CameraControlPanel>(p => p.Add(c => c.CameraId, "desk"));
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-property=gain] input")));

        await panel.Find("[data-property=gain] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "3" });

        panel.WaitForAssertion(() => Assert.Contains("the webcam refused gain = 3", panel.Markup, StringComparison.Ordinal));
        Assert.False(Registry.Find("desk")!.Definition.DeviceProperties.ContainsKey("gain"));
    }

    [Fact]
    public async Task AcceptedValueIsAppliedStoredAndLogged()
    {
        var panel = Render<CameraControlPanel>(p => p.Add(c => c.CameraId, "desk"));
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-property=gain] input")));

        await panel.Find("[data-property=gain] input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "8" });

        panel.WaitForAssertion(() => Assert.Equal(8, Registry.Find("desk")!.Definition.DeviceProperties["gain"]));
        Assert.Equal(8, _webcam.Values["gain"]);
        var entry = Assert.Single(await Services.GetRequiredService<CameraAudit>().ListAsync("desk"));
        Assert.Equal(("otto", "changed", "Device gain: none -> 8"), (entry.UserName, entry.Action, entry.Details));
    }

    [Fact]
    public async Task CaptureSettingsAreValidatedWithMessages()
    {
        var panel = Render<CameraControlPanel>(p => p.Add(c => c.CameraId, "desk"));

        var fps = panel.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Fps").QuerySelector("input")!;
        await fps.InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "0" });
        await panel.FindAll("button").Single(b => b.TextContent.Contains("Apply capture settings", StringComparison.Ordinal)).ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Contains("Fps must be greater than 0 and at most 120 (was 0).", panel.Markup, StringComparison.Ordinal));
        Assert.Equal(new CameraDefinition { Id = "desk" }.Fps, Registry.Find("desk")!.Definition.Fps);
    }
}
