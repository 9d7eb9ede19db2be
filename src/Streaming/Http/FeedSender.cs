namespace Streaming.Http;

/// <summary>Who writes an MJPEG feed's parts (<c>Streaming:FeedSender</c>).</summary>
public enum FeedSender
{
    /// <summary>
    /// Straight to the connection's socket after Kestrel sent the headers, each frame written once per
    /// client from the shared buffer (see <see cref="DirectFeedSender"/>). Plain HTTP/1.x over Kestrel's
    /// socket transport only; every other connection (TLS, HTTP/2, no socket) uses <see cref="Kestrel"/>.
    /// </summary>
    Direct,

    /// <summary>Through Kestrel's response pipe, one flush per part.</summary>
    Kestrel,
}
