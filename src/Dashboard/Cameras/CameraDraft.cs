using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>
/// A stored camera as an edit form starts from: its settings with credentials masked
/// (<see cref="CameraCredentials"/>) and the version it was read at, so a save over someone else's newer
/// change is refused instead of silently undoing it.
/// </summary>
public sealed record CameraDraft(CameraDefinition Camera, long Version);
