namespace Streaming.Cameras;

public enum CameraState
{
    /// <summary>Nobody is watching; the source is released.</summary>
    Idle,

    /// <summary>Opening the source for the first time in this run.</summary>
    Starting,

    /// <summary>Frames are flowing.</summary>
    Streaming,

    /// <summary>The source failed; it is reopened with growing delays while viewers see a "no signal" card.</summary>
    Reconnecting,

    /// <summary>The settings are invalid or the source ended; not retried until the camera is changed or restarted.</summary>
    Failed,

    /// <summary>An operator stopped the camera: the source is released until it is started again.</summary>
    Stopped,
}
