namespace Dashboard.Nodes;

/// <summary>What one node tells the others sharing its database: the thing that changed, by id.</summary>
public sealed record NodeChange(NodeChangeKind Kind, string Id);

public enum NodeChangeKind
{
    /// <summary>A camera was added, changed or removed (<see cref="NodeChange.Id"/>: the camera's id): read it again.</summary>
    CameraChanged,

    /// <summary>A share link was revoked (its id): end the streams it serves.</summary>
    ShareLinkRevoked,

    /// <summary>A machine token was revoked (its id): end the requests it serves.</summary>
    TokenRevoked,

    /// <summary>A user was disabled, deleted or given another role or password (the user's id): end their sessions and streams.</summary>
    UserChanged,

    /// <summary>An admin linked or unlinked a remote dashboard (its id): read the linked dashboards again.</summary>
    RemoteDashboardsChanged,

    /// <summary>This node was not listening for a while and may have missed changes (no id): read everything again.</summary>
    Resync,

    /// <summary>An admin changed the webhooks, the MQTT broker or the public address (no id): read them again.</summary>
    NotificationsChanged,
}
