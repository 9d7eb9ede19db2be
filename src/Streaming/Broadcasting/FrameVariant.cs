namespace Streaming.Broadcasting;

/// <summary>Which stream of a camera a subscriber wants.</summary>
public enum FrameVariant
{
    /// <summary>Every frame at the camera's own size.</summary>
    Full,

    /// <summary>A smaller copy at a capped rate, encoded once per camera and shared by every dashboard tile.</summary>
    Preview,
}
