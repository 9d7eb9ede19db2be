namespace Streaming.Broadcasting;

/// <summary>What a subscriber is, so statistics can tell a dashboard tile from an external feed.</summary>
public enum SubscriberKind
{
    Feed,
    Snapshot,
    Dashboard,

    /// <summary>Motion detection, which keeps a camera with detection on capturing.</summary>
    Motion,
}
