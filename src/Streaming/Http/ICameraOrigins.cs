namespace Streaming.Http;

/// <summary>
/// Which cameras this dashboard shows from another dashboard (it relays them) rather than its own. The API marks those
/// (<see cref="CameraDto.Remote"/>), so a dashboard linking this one takes only this one's own cameras and two dashboards
/// linking each other do not relay each other's relays. With no registration, every camera is this dashboard's own.
/// </summary>
public interface ICameraOrigins
{
    /// <summary>Where the camera is relayed from, or null for a camera of this dashboard.</summary>
    CameraRemoteDto? RemoteOf(string cameraId);
}

/// <summary>A relayed camera's origin: the linked dashboard (its id and name here) and the camera's id there.</summary>
public sealed record CameraRemoteDto(string Dashboard, string DashboardName, string Camera);
