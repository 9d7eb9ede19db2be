namespace Dashboard.Nodes.Remote;

/// <summary>
/// A camera of a linked remote dashboard as this dashboard shows it: under <see cref="LocalId"/> here, read once through
/// the <c>Http</c> kind from the edge's feed. <see cref="EdgeState"/> is what the edge said last; <see cref="EdgeOnline"/>
/// whether it answered the last time it was asked.
/// </summary>
public sealed record RemoteCamera(
    string LocalId,
    string RemoteId,
    string RemoteName,
    Uri EdgeAddress,
    string EdgeCameraId,
    string EdgeState,
    bool EdgeOnline)
{
    /// <summary>The camera's page on its edge, where its settings are changed.</summary>
    public Uri SettingsPage => new(EdgeAddress, $"cameras/{Uri.EscapeDataString(EdgeCameraId)}");
}
