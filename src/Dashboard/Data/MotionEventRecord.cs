using Streaming.Motion;

namespace Dashboard.Data;

/// <summary>A stored motion event (see <see cref="MotionEvent"/>); its clip and thumbnail are files in the clip folder.</summary>
public sealed class MotionEventRecord
{
    public Guid Id { get; set; }

    public string CameraId { get; set; } = "";

    public DateTimeOffset Start { get; set; }

    /// <summary>Null while the event is open.</summary>
    public DateTimeOffset? End { get; set; }

    public double PeakScore { get; set; }

    public string? ClipFile { get; set; }

    public string? ThumbnailFile { get; set; }

    public long ClipBytes { get; set; }

    public int ClipFrames { get; set; }

    public static MotionEventRecord From(MotionEvent motionEvent)
    {
        ArgumentNullException.ThrowIfNull(motionEvent);
        var record = new MotionEventRecord { Id = motionEvent.Id };
        record.Apply(motionEvent);
        return record;
    }

    public void Apply(MotionEvent motionEvent)
    {
        ArgumentNullException.ThrowIfNull(motionEvent);
        CameraId = motionEvent.CameraId;
        Start = motionEvent.Start;
        End = motionEvent.End;
        PeakScore = motionEvent.PeakScore;
        ClipFile = motionEvent.ClipFile;
        ThumbnailFile = motionEvent.ThumbnailFile;
        ClipBytes = motionEvent.ClipBytes;
        ClipFrames = motionEvent.ClipFrames;
    }

    public MotionEvent ToEvent() => new()
    {
        Id = Id,
        CameraId = CameraId,
        Start = Start,
        End = End,
        PeakScore = PeakScore,
        ClipFile = ClipFile,
        ThumbnailFile = ThumbnailFile,
        ClipBytes = ClipBytes,
        ClipFrames = ClipFrames,
    };
}
