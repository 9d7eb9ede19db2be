namespace Dashboard.Access.Sharing;

/// <summary>What an operator asks for: a named link to one camera, valid until revoked or until <see cref="ExpiresAt"/>.</summary>
public sealed record NewShareLink(string CameraId, string Name, DateTimeOffset? ExpiresAt);
