using System.ComponentModel.DataAnnotations;

namespace Streaming;

/// <summary>How cameras are run and served (section <c>Streaming</c>).</summary>
public sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    /// <summary>Camera served by <c>/video_feed</c> without an id (default: the first camera).</summary>
    public string? DefaultCamera { get; set; }

    /// <summary>How long a camera keeps capturing after its last viewer left.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before reopening a failed source; doubles per failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Longest wait between attempts to reopen a failed source; must not be shorter than <see cref="ReconnectInitialDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With nothing new from the source for this long, the newest frame is sent again (or a
    /// "no signal" card while the source is down), so viewers and proxies see the stream is alive.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A source that delivers no frame for this long is treated as failed and reopened.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <c>/snapshot</c> waits for the first frame of a camera that was idle.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan SnapshotTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Unsent bytes an MJPEG feed socket may hold (TCP_NOTSENT_LOWAT). Small on purpose: frames for a
    /// slow client are skipped in the server instead of queueing seconds of stale video in the kernel.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int FeedNotSentLowWaterBytes { get; set; } = 16 * 1024;

    /// <summary>Who writes feed parts: straight to the socket where possible (the default), or always Kestrel.</summary>
    [EnumDataType(typeof(Http.FeedSender))]
    public Http.FeedSender FeedSender { get; set; } = Http.FeedSender.Direct;

    /// <summary>
    /// Width of the larger preview dashboard tiles show; from 320 up, half of it is offered too and each tile takes the
    /// size nearest its width (height follows the camera's aspect).
    /// </summary>
    [Range(64, 3840)]
    public int PreviewWidth { get; set; } = 640;

    /// <summary>Highest rate of the preview frames.</summary>
    [Range(0.1, 60)]
    public double PreviewMaxFps { get; set; } = 10;

    /// <summary>JPEG quality (1-100) of the preview frames; the full-size feed uses the camera's own <c>JpegQuality</c>.</summary>
    [Range(1, 100)]
    public int PreviewJpegQuality { get; set; } = 70;
}
