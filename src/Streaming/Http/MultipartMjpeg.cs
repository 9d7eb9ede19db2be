using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Streaming.Broadcasting;

namespace Streaming.Http;

/// <summary>How each multipart part is framed for one client.</summary>
public enum MjpegPartStyle
{
    /// <summary>
    /// Every part carries Content-Type, Content-Length and X-Timestamp, and is followed at once by the
    /// next boundary line. For players and tools (VLC, ffmpeg, Home Assistant, scripts).
    /// </summary>
    Standard,

    /// <summary>
    /// Each part is followed at once by the next boundary and the next part's header block. Chromium
    /// paints a part only when it has parsed the next part's headers (Chromium issue 527446), so this is
    /// the only framing that shows a frame as soon as it is sent; the headers sent ahead cannot know the
    /// next frame's length and time, so they carry only Content-Type. Used for browsers.
    /// </summary>
    Eager,
}

/// <summary>The wire format of an MJPEG stream (multipart/x-mixed-replace).</summary>
public static class MultipartMjpeg
{
    public const string Boundary = "frame";
    public const string ContentType = "multipart/x-mixed-replace; boundary=" + Boundary;

    /// <summary>Opens the body: the first boundary line (and, for <see cref="MjpegPartStyle.Eager"/>, the first part's headers).</summary>
    public static ReadOnlySpan<byte> Opening(MjpegPartStyle style) =>
        style == MjpegPartStyle.Eager ? "--frame\r\nContent-Type: image/jpeg\r\n\r\n"u8 : "--frame\r\n"u8;

    /// <summary>What follows a part's JPEG bytes: the next boundary line (and, for <see cref="MjpegPartStyle.Eager"/>, the next part's headers).</summary>
    public static ReadOnlySpan<byte> PartEnd(MjpegPartStyle style) =>
        style == MjpegPartStyle.Eager ? "\r\n--frame\r\nContent-Type: image/jpeg\r\n\r\n"u8 : "\r\n--frame\r\n"u8;

    /// <summary>The response headers of every MJPEG stream (live or played back): its type, no caching, no compression, no proxy buffering.</summary>
    internal static void PrepareResponse(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-store, must-revalidate, max-age=0";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "0";
        response.Headers.ContentEncoding = "identity";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }

    /// <summary>Writes one part in a single flush through the response pipe; false when the client is gone.</summary>
    internal static async ValueTask<bool> WritePartAsync(PipeWriter writer, JpegFrame frame, MjpegPartStyle style, CancellationToken cancellation)
    {
        if (style == MjpegPartStyle.Standard)
        {
            writer.Write(frame.PartHeader);
        }

        writer.Write(frame.Data.Span);
        writer.Write(PartEnd(style));
        var flushed = await writer.FlushAsync(cancellation);
        return !(flushed.IsCompleted || flushed.IsCanceled);
    }
}
