namespace Streaming.Motion;

/// <summary>
/// Which stored clips go: every one older than the maximum age, then the oldest of each camera over its share,
/// then the oldest of all over the total. Always oldest first, so what is kept is the newest.
/// </summary>
public static class ClipRetention
{
    public static IReadOnlyList<StoredClip> SelectForDeletion(IEnumerable<StoredClip> clips, DateTimeOffset now, MotionOptions limits)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(limits);
        var kept = clips.OrderBy(c => c.Start).ToList();
        var deleted = new List<StoredClip>();
        Take(kept.Where(c => now - c.Start > limits.MaxAge).ToList());
        foreach (var camera in kept.GroupBy(c => c.CameraId, StringComparer.OrdinalIgnoreCase).ToList())
        {
            Take(Oldest(camera.ToList(), limits.MaxBytesPerCamera));
        }

        Take(Oldest(kept, limits.MaxBytesTotal));
        return deleted;

        void Take(List<StoredClip> gone)
        {
            deleted.AddRange(gone);
            kept.RemoveAll(gone.Contains);
        }
    }

    /// <summary>The oldest clips of <paramref name="clips"/> (sorted oldest first) that must go to get within <paramref name="maxBytes"/>.</summary>
    private static List<StoredClip> Oldest(List<StoredClip> clips, long maxBytes)
    {
        var excess = clips.Sum(c => c.Bytes) - maxBytes;
        var gone = new List<StoredClip>();
        foreach (var clip in clips)
        {
            if (excess <= 0)
            {
                break;
            }

            gone.Add(clip);
            excess -= clip.Bytes;
        }

        return gone;
    }
}
