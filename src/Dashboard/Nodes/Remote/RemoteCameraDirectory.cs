using System.Collections.Concurrent;
using Streaming.Http;

namespace Dashboard.Nodes.Remote;

/// <summary>
/// Which cameras here belong to a linked remote dashboard, and that edge's last word on them. The camera API marks them
/// with it (<see cref="ICameraOrigins"/>), so a dashboard linking this one does not take them again.
/// </summary>
public sealed class RemoteCameraDirectory : ICameraOrigins
{
    private readonly ConcurrentDictionary<string, RemoteCamera> _cameras = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised after a remote camera was added, removed, or its edge's state changed.</summary>
    public event EventHandler? Changed;

    public IReadOnlyCollection<RemoteCamera> All => [.. _cameras.Values];

    public RemoteCamera? Find(string? cameraId) => cameraId is not null && _cameras.TryGetValue(cameraId, out var camera) ? camera : null;

    public bool IsRemote(string? cameraId) => cameraId is not null && _cameras.ContainsKey(cameraId);

    public CameraRemoteDto? RemoteOf(string cameraId) =>
        Find(cameraId) is { } camera ? new CameraRemoteDto(camera.RemoteId, camera.RemoteName, camera.EdgeCameraId) : null;

    internal void Set(RemoteCamera camera)
    {
        if (!_cameras.TryGetValue(camera.LocalId, out var before) || before != camera)
        {
            _cameras[camera.LocalId] = camera;
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    internal void Remove(string localId)
    {
        if (_cameras.TryRemove(localId, out _))
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }
}
