using Microsoft.Extensions.Logging;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

/// <summary>Camera ids in the configuration that repeat, or differ only in case from a stored one, are ignored with a warning naming both.</summary>
public sealed class CameraConfigurationWarningsTests
{
    [Fact]
    public async Task ARepeatedIdIsIgnoredWithAWarningNamingBothEntries()
    {
        await using var app = new DashboardApp().WithCameras(
            new CameraDefinition { Id = "porch", Name = "Porch", Width = 320, Height = 240 },
            new CameraDefinition { Id = "yard", Width = 320, Height = 240 },
            new CameraDefinition { Id = "PORCH", Name = "Second porch", Width = 640, Height = 480 });

        Assert.NotNull(app.Cameras.Find("yard"));

        var warning = Assert.Single(Warnings(app));
        Assert.Contains("Cameras:2 has the id 'PORCH', which Cameras:0 already uses ('porch'", warning, StringComparison.Ordinal);
        Assert.Equal(("Porch", 320), ((await app.StoredCameraAsync("porch"))!.Definition.Name, (await app.StoredCameraAsync("porch"))!.Definition.Width));
        Assert.Null(await app.StoredCameraAsync("PORCH"));
    }

    [Fact]
    public async Task AnIdDifferingOnlyInCaseFromAStoredCameraIsIgnoredWithAWarningNamingBoth()
    {
        using var first = new DashboardApp().WithCameras(new CameraDefinition { Id = "porch", Name = "Porch", Width = 320, Height = 240 });
        Assert.NotNull(first.Cameras.Find("porch"));
        await first.StopAsync();

        await using (var restarted = first.Restarted().WithCameras(new CameraDefinition { Id = "Porch", Name = "New porch", Width = 320, Height = 240 }))
        {
            Assert.NotNull(restarted.Cameras.Find("porch"));

            var warning = Assert.Single(Warnings(restarted));
            Assert.Contains("The configured camera 'Porch' differs only in case from the stored camera 'porch'", warning, StringComparison.Ordinal);
            Assert.Equal("Porch", (await restarted.StoredCameraAsync("porch"))!.Definition.Name);
            Assert.Null(await restarted.StoredCameraAsync("Porch"));
        }
    }

    private static List<string> Warnings(DashboardApp app) =>
        [.. app.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning && r.Category == "Dashboard.Cameras.CameraConfigurationSync").Select(r => r.Message)];
}
