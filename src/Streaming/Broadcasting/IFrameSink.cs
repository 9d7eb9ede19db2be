namespace Streaming.Broadcasting;

/// <summary>
/// A subscriber that takes frames as they are published instead of reading them from its mailbox.
/// <see cref="Offer"/> runs in the broadcaster's pass over all such subscribers (on the capture thread for a
/// few, else one pool thread per frame, see <see cref="FrameBroadcaster"/>), so it must never block: it sends
/// what it can at once.
/// </summary>
internal interface IFrameSink
{
    void Offer(JpegFrame frame);

    /// <summary>The subscription ended (the camera was removed or the subscriber left).</summary>
    void Complete();
}
