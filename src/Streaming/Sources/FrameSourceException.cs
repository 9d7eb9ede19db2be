namespace Streaming.Sources;

/// <summary>A source could not open or stopped delivering; the message is meant for the person watching.</summary>
public class FrameSourceException : Exception
{
    public FrameSourceException()
    {
    }

    public FrameSourceException(string message)
        : base(message)
    {
    }

    public FrameSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A source that fails the same way however often it is reopened (a file that ended, a native library that is
/// missing): the camera is Failed and not retried until its settings change or the app restarts.
/// </summary>
public class PermanentFrameSourceException : FrameSourceException
{
    public PermanentFrameSourceException()
    {
    }

    public PermanentFrameSourceException(string message)
        : base(message)
    {
    }

    public PermanentFrameSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A source reached its natural end (a video file without Loop); reopening it would only replay it.</summary>
public sealed class FrameSourceEndedException : PermanentFrameSourceException
{
    public FrameSourceEndedException()
    {
    }

    public FrameSourceEndedException(string message)
        : base(message)
    {
    }

    public FrameSourceEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
