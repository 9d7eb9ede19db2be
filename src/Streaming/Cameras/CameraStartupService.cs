using Microsoft.Extensions.Hosting;

namespace Streaming.Cameras;

/// <summary>Loads the cameras when the app starts and stops them all (releasing devices and child processes) when it stops.</summary>
internal sealed class CameraStartupService(ICameraCatalog catalog, CameraRegistry registry) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cameras = await catalog.LoadAsync(cancellationToken);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var camera in cameras)
        {
            var configured = seen.Add(camera.Definition.Id)
                ? camera
                : camera with
                {
                    Definition = camera.Definition with { Id = $"{camera.Definition.Id}-{seen.Count}" },
                    Problems = [.. camera.Problems, new SettingProblem("Id", $"Id '{camera.Definition.Id}' is used by another camera.")],
                };
            seen.Add(configured.Definition.Id);
            await registry.AddOrUpdateAsync(configured, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await registry.DisposeAsync();
}
