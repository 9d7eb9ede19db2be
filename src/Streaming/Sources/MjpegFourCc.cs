namespace Streaming.Sources;

/// <summary>The FourCCs that mean Motion JPEG: MJPG (AVI, V4L2), FFmpeg's codec name "mjpeg" as a tag, and the variants cameras write.</summary>
internal static class MjpegFourCc
{
    public static bool Is(string? fourCc) => fourCc is "MJPG" or "mjpg" or "mjpe" or "AVRn" or "JPEG" or "jpeg" or "dmb1";
}
