using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>Whether an event's clip can be played and downloaded, or why not.</summary>
internal enum ClipState
{
    Ready,

    /// <summary>The event is open: its clip is being written (it is complete when the event ends).</summary>
    Recording,

    /// <summary>No clip was written (recording was paused: disk full or a write failed).</summary>
    NotRecorded,

    /// <summary>The clip was written but its file is gone (deleted by hand, or a retention run is deleting the event).</summary>
    Missing,
}

internal static class EventClips
{
    public static ClipState StateOf(MotionEvent motionEvent, ClipStorage storage)
    {
        ArgumentNullException.ThrowIfNull(motionEvent);
        ArgumentNullException.ThrowIfNull(storage);
        return motionEvent switch
        {
            { End: null } => ClipState.Recording,
            { ClipFile: null } => ClipState.NotRecorded,
            _ => File.Exists(storage.ClipPath(motionEvent.CameraId, motionEvent.Id)) ? ClipState.Ready : ClipState.Missing,
        };
    }

    public static string Describe(ClipState state) => state switch
    {
        ClipState.Recording => "Still recording",
        ClipState.NotRecorded => "No clip (recording was paused)",
        ClipState.Missing => "Clip file is missing",
        _ => "",
    };
}
