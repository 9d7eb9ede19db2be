using System.ComponentModel.DataAnnotations;

namespace Streaming.Motion;

/// <summary>How motion is checked, how events and clips are made and how long they are kept (section <c>Motion</c>).</summary>
public sealed class MotionOptions
{
    public const string SectionName = "Motion";

    /// <summary>Folder for clips and thumbnails, one subfolder per camera. The dashboard defaults it to its data directory.</summary>
    [Required]
    public string ClipDirectory { get; set; } = "";

    /// <summary>Checks per second per camera with detection on (a frame is checked only when one is due).</summary>
    [Range(0.2, 30)]
    public double ChecksPerSecond { get; set; } = 5;

    /// <summary>Width of the gray picture checked: the reduced-size decode nearest above it, scaled down to it.</summary>
    [Range(80, 1280)]
    public int DetectionWidth { get; set; } = 320;

    /// <summary>An event ends when nothing moved for this long; its end is the last check that saw motion.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:10:00")]
    public TimeSpan QuietTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How much of the camera's frames before an event's start its clip holds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PreBuffer { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How much after an event's end its clip holds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PostBuffer { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A clip longer than this is closed (the event goes on without more clip).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MaxClipDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Events and clips older than this are deleted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Total clip bytes kept per camera; the oldest go first.</summary>
    [Range(1L << 20, long.MaxValue)]
    public long MaxBytesPerCamera { get; set; } = 5L << 30;

    /// <summary>Total clip bytes kept for all cameras; the oldest go first.</summary>
    [Range(1L << 20, long.MaxValue)]
    public long MaxBytesTotal { get; set; } = 20L << 30;

    /// <summary>Recording pauses (with a warning) while the clip folder's disk has less free space than this.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeBytes { get; set; } = 1L << 30;

    /// <summary>How often retention runs in the background.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(5);
}
