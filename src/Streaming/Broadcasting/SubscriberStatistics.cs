namespace Streaming.Broadcasting;

/// <summary>A point-in-time reading of one subscriber.</summary>
public sealed record SubscriberStatistics(
    string Id,
    SubscriberKind Kind,
    string? Label,
    string? User,
    string? RemoteAddress,
    string? UserAgent,
    DateTimeOffset ConnectedAt,
    long FramesSent,
    long FramesSkipped,
    long BytesSent,
    double Fps);
