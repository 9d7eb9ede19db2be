using System.Globalization;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>The addresses (relative to the dashboard) of an event's snapshot, clip and playback.</summary>
internal static class MotionLinks
{
    public static string Snapshot(MotionEvent motionEvent) => $"api/events/{Uri.EscapeDataString(motionEvent.CameraId)}/{motionEvent.Id:N}/snapshot.jpg";

    public static string Clip(MotionEvent motionEvent) => $"api/events/{Uri.EscapeDataString(motionEvent.CameraId)}/{motionEvent.Id:N}/clip.avi";

    /// <summary>The clip played back as MJPEG from <paramref name="at"/> by a player of the Events page.</summary>
    public static string Play(MotionEvent motionEvent, TimeSpan at, Guid player, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"api/events/{Uri.EscapeDataString(motionEvent.CameraId)}/{motionEvent.Id:N}/play.mjpg?at={at.TotalSeconds:0.###}&player={player:N}&n={attempt}");

    /// <summary>An absolute link under the dashboard's public address; null without one.</summary>
    public static Uri? Absolute(Uri? publicUrl, string relative) =>
        publicUrl is null ? null : new Uri(new Uri(publicUrl.AbsoluteUri.EndsWith('/') ? publicUrl.AbsoluteUri : publicUrl.AbsoluteUri + "/"), relative);
}
