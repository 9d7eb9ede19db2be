namespace Streaming.Cameras;

/// <summary>A camera's state, why it is in it, and since when.</summary>
public sealed record CameraStatus(CameraState State, string? LastError, DateTimeOffset Since);
