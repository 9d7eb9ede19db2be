namespace Streaming.Motion;

/// <summary>
/// One motion event of a camera: from the first check that saw motion to the last one, with the highest score
/// seen. <see cref="End"/> is null while the event is open. The clip and thumbnail are files in the clip folder.
/// </summary>
public sealed record MotionEvent
{
    public required Guid Id { get; init; }

    public required string CameraId { get; init; }

    public required DateTimeOffset Start { get; init; }

    public DateTimeOffset? End { get; init; }

    /// <summary>The highest share of the watched picture (%) that changed in one check.</summary>
    public double PeakScore { get; init; }

    /// <summary>The clip's file name in the camera's clip folder, once it exists.</summary>
    public string? ClipFile { get; init; }

    /// <summary>The thumbnail's file name (the frame with the peak score, as the camera sent it).</summary>
    public string? ThumbnailFile { get; init; }

    public long ClipBytes { get; init; }

    public int ClipFrames { get; init; }
}

/// <summary>What happened to an event: it started, it ended (its clip is complete), or it was deleted.</summary>
public enum MotionNoticeKind
{
    Started,
    Ended,
    Deleted,
}

public sealed record MotionNotice(MotionNoticeKind Kind, MotionEvent Event);
