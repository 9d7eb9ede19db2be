using System.Globalization;

namespace Streaming.Motion;

/// <summary>
/// The clip folder: <c>{ClipDirectory}/{cameraId}/{eventId}.avi</c> and <c>.jpg</c> (the thumbnail). Event ids are
/// version-7 GUIDs, so names sort by start time and a stored clip's age is read from its name.
/// </summary>
public sealed class ClipStorage(MotionOptions options)
{
    public const string ClipExtension = ".avi";
    public const string ThumbnailExtension = ".jpg";

    public string Root => Path.GetFullPath(options.ClipDirectory);

    public string CameraFolder(string cameraId) => Path.Combine(Root, cameraId);

    public string ClipPath(string cameraId, Guid eventId) => Path.Combine(CameraFolder(cameraId), eventId.ToString("N") + ClipExtension);

    public string ThumbnailPath(string cameraId, Guid eventId) => Path.Combine(CameraFolder(cameraId), eventId.ToString("N") + ThumbnailExtension);

    /// <summary>Free bytes on the clip folder's disk (the nearest existing folder's, before the first clip).</summary>
    public long FreeBytes()
    {
        var folder = Root;
        while (!Directory.Exists(folder) && Path.GetDirectoryName(folder) is { } parent)
        {
            folder = parent;
        }

        return new DriveInfo(folder).AvailableFreeSpace;
    }

    /// <summary>Null while there is room for recording; else the warning recording pauses with.</summary>
    public string? SpaceWarning()
    {
        var free = FreeBytes();
        return free >= options.MinFreeBytes
            ? null
            : $"Recording paused: the disk of the clip folder has {Megabytes(free)} free, less than the {Megabytes(options.MinFreeBytes)} kept free. Live viewing goes on.";
    }

    /// <summary>Every stored event's files with their total size, oldest first.</summary>
    public IReadOnlyList<StoredClip> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var clips = new List<StoredClip>();
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var cameraId = Path.GetFileName(folder);
            clips.AddRange(new DirectoryInfo(folder).EnumerateFiles()
                .Where(f => f.Extension is ClipExtension or ThumbnailExtension)
                .GroupBy(f => Path.GetFileNameWithoutExtension(f.Name), StringComparer.Ordinal)
                .Select(g => Guid.TryParseExact(g.Key, "N", out var id) ? new StoredClip(cameraId, id, StartOf(id), g.Sum(f => f.Length)) : null)
                .OfType<StoredClip>());
        }

        return [.. clips.OrderBy(c => c.Start)];
    }

    /// <summary>Deletes an event's clip and thumbnail; false when neither existed.</summary>
    public bool Delete(string cameraId, Guid eventId)
    {
        var deleted = false;
        foreach (var path in new[] { ClipPath(cameraId, eventId), ThumbnailPath(cameraId, eventId) })
        {
            if (File.Exists(path))
            {
                File.Delete(path);
                deleted = true;
            }
        }

        return deleted;
    }

    /// <summary>The time a version-7 GUID was made from (its first 48 bits, Unix milliseconds).</summary>
    public static DateTimeOffset StartOf(Guid id)
    {
        var text = id.ToString("N");
        return DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text.AsSpan(0, 12), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0} MB");
}

/// <summary>One stored event's files: camera, event, start and the bytes its clip and thumbnail take.</summary>
public sealed record StoredClip(string CameraId, Guid EventId, DateTimeOffset Start, long Bytes);
