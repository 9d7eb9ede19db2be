using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>Live statistics of one camera for the dashboard (replaceable by a fake in component tests).</summary>
public interface ICameraStatisticsSource
{
    /// <summary>The camera's statistics now and then about once a second; empty for an unknown camera.</summary>
    IAsyncEnumerable<CameraStatistics> WatchAsync(string cameraId, CancellationToken cancellationToken);
}

internal sealed class RegistryStatisticsSource(CameraRegistry cameras) : ICameraStatisticsSource
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public IAsyncEnumerable<CameraStatistics> WatchAsync(string cameraId, CancellationToken cancellationToken) =>
        cameras.Find(cameraId)?.WatchStatisticsAsync(Interval, cancellationToken) ?? AsyncEnumerable.Empty<CameraStatistics>();
}
