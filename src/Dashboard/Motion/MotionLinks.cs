using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>The addresses (relative to the dashboard) of an event's snapshot and clip.</summary>
internal static class MotionLinks
{
    public static string Snapshot(MotionEvent motionEvent) => $"api/events/{Uri.EscapeDataString(motionEvent.CameraId)}/{motionEvent.Id:N}/snapshot.jpg";

    public static string Clip(MotionEvent motionEvent) => $"api/events/{Uri.EscapeDataString(motionEvent.CameraId)}/{motionEvent.Id:N}/clip.avi";

    /// <summary>An absolute link under the dashboard's public address; null without one.</summary>
    public static Uri? Absolute(Uri? publicUrl, string relative) =>
        publicUrl is null ? null : new Uri(new Uri(publicUrl.AbsoluteUri.EndsWith('/') ? publicUrl.AbsoluteUri : publicUrl.AbsoluteUri + "/"), relative);
}
