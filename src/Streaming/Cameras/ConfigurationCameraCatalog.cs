using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Streaming.Cameras;

/// <summary>
/// The cameras from the <c>Cameras</c> configuration array, with the seed's environment overrides
/// applied to the default camera; the demo cameras when none is configured.
/// </summary>
public sealed class ConfigurationCameraCatalog(IConfiguration configuration, IOptions<StreamingOptions> options) : ICameraCatalog
{
    public Task<IReadOnlyList<ConfiguredCamera>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Load());

    public IReadOnlyList<ConfiguredCamera> Load()
    {
        var cameras = CameraConfigurationReader.Read(configuration).ToList();
        if (cameras.Count == 0)
        {
            cameras.AddRange(DemoCameras.Create().Select(c => new ConfiguredCamera(c)));
        }

        var defaultId = options.Value.DefaultCamera;
        var index = Math.Max(0, cameras.FindIndex(c => string.Equals(c.Definition.Id, defaultId, StringComparison.OrdinalIgnoreCase)));
        cameras[index] = DefaultCameraOverrides.Apply(cameras[index], configuration);
        return cameras;
    }
}
