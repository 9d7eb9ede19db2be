namespace Streaming.Cameras;

/// <summary>Where a camera's pictures come from.</summary>
public enum CameraKind
{
    /// <summary>A generated moving picture with name, clock and frame counter; needs no hardware.</summary>
    TestPattern,

    /// <summary>Loops over a folder of JPEG files at a fixed rate.</summary>
    ImageSequence,

    /// <summary>OpenCV capture: a V4L2 device, a video file or a network stream (RTSP/HTTP via FFmpeg).</summary>
    OpenCv,

    /// <summary>A program that writes an MJPEG byte stream to its standard output.</summary>
    Command,

    /// <summary>An MJPEG stream or a snapshot URL on the network (ESP32-CAM, IP camera, another dashboard), passed through.</summary>
    Http,
}
