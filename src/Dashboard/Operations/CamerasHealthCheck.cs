using Microsoft.Extensions.Diagnostics.HealthChecks;
using Streaming.Cameras;

namespace Dashboard.Operations;

/// <summary>
/// Readiness of the cameras: a failed or reconnecting camera makes the app Degraded (it still serves the
/// others), never Unhealthy.
/// </summary>
internal sealed class CamerasHealthCheck(CameraRegistry cameras) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = cameras.Cameras.ToDictionary(c => c.Id, c => (object)c.State.ToString());
        var troubled = cameras.Cameras.Where(c => c.State is CameraState.Failed or CameraState.Reconnecting).ToList();
        return Task.FromResult(troubled.Count == 0
            ? HealthCheckResult.Healthy($"{cameras.Cameras.Count} cameras", states)
            : HealthCheckResult.Degraded(
                $"{troubled.Count} of {cameras.Cameras.Count} cameras have no picture: {string.Join(", ", troubled.Select(c => $"{c.Id} ({c.State})"))}",
                data: states));
    }
}
