namespace Streaming.Cameras;

/// <summary>
/// Stands in for an exception in a log entry when the original's message or stack (inner exceptions
/// included) may quote a camera's credentials; loggers print <see cref="ToString"/>.
/// </summary>
internal sealed class RedactedException(string message, string text) : Exception(message)
{
    public override string? StackTrace => null;

    public override string ToString() => text;
}
