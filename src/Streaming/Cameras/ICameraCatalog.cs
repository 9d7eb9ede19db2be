namespace Streaming.Cameras;

/// <summary>Where the list of cameras is kept between runs (configuration by default, a database in the dashboard).</summary>
public interface ICameraCatalog
{
    Task<IReadOnlyList<ConfiguredCamera>> LoadAsync(CancellationToken cancellationToken);
}
