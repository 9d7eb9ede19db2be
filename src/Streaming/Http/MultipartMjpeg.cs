namespace Streaming.Http;

/// <summary>
/// The wire format of an MJPEG stream (multipart/x-mixed-replace). Each part is followed at once by
/// the next boundary: browsers paint a part only once they know it is over, so without this the
/// picture shown would lag one frame behind (Chromium issue 527446). The line break after a boundary
/// is sent with the next part, which leaves room for a proper close delimiter when the server stops.
/// </summary>
public static class MultipartMjpeg
{
    public const string Boundary = "frame";
    public const string ContentType = "multipart/x-mixed-replace; boundary=" + Boundary;

    /// <summary>Opens the body: the first boundary.</summary>
    public static ReadOnlySpan<byte> Opening => "--frame"u8;

    /// <summary>Ends a part: the next boundary (its line break comes with the next part's headers).</summary>
    public static ReadOnlySpan<byte> PartEnd => "\r\n--frame"u8;

    /// <summary>Turns the last boundary into the close delimiter (<c>--frame--</c>).</summary>
    public static ReadOnlySpan<byte> Closing => "--\r\n"u8;
}
