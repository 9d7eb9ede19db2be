namespace Streaming.Broadcasting;

/// <summary>
/// A subscriber that takes frames as they are published instead of reading them from its mailbox.
/// <see cref="Offer"/> runs on the publisher's thread, once per frame for every such subscriber in turn,
/// so it must never block: it sends what it can at once and keeps only the newest frame for later.
/// </summary>
internal interface IFrameSink
{
    void Offer(JpegFrame frame);

    /// <summary>The subscription ended (the camera was removed or the subscriber left).</summary>
    void Complete();
}
