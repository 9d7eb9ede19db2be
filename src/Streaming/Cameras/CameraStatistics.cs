using Streaming.Broadcasting;

namespace Streaming.Cameras;

/// <summary>A point-in-time reading of one camera and everyone watching it.</summary>
public sealed record CameraStatistics(
    string Id,
    string Name,
    CameraKind Kind,
    CameraState State,
    string? LastError,
    DateTimeOffset StateSince,
    double CaptureFps,
    double EncodeMilliseconds,
    int FrameBytes,
    int Width,
    int Height,
    long FramesCaptured,
    long FramesEncoded,
    long FramesDecoded,
    bool Passthrough,
    FramePath Path,
    long PreviewFramesEncoded,
    double PreviewEncodeMilliseconds,
    long Reconnects,
    DateTimeOffset? LastFrameAt,
    IReadOnlyList<SubscriberStatistics> Subscribers)
{
    public int SubscriberCount => Subscribers.Count;
}
