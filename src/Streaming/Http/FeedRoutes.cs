namespace Streaming.Http;

/// <summary>
/// The feed and snapshot addresses, written once: the endpoints map their patterns, and pages, the API's links,
/// share links and tests build a camera's addresses here (relative, so they follow a path base or a proxy prefix).
/// </summary>
public static class FeedRoutes
{
    public const string FeedPrefix = "/video_feed";

    public const string SnapshotPrefix = "/snapshot";

    /// <summary>The MJPEG stream of one camera, relative (<c>video_feed/{id}</c>).</summary>
    public static string Feed(string cameraId) => $"{FeedPrefix[1..]}/{Uri.EscapeDataString(cameraId)}";

    /// <summary>The newest frame of one camera, relative (<c>snapshot/{id}.jpg</c>).</summary>
    public static string Snapshot(string cameraId) => $"{SnapshotPrefix[1..]}/{Uri.EscapeDataString(cameraId)}.jpg";
}
