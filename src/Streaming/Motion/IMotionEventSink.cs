namespace Streaming.Motion;

/// <summary>
/// Something that learns of motion events: storage, webhooks, MQTT. Each sink gets the notices in order on a
/// queue of its own, so a slow one (a webhook retrying) delays neither detection nor the other sinks.
/// </summary>
public interface IMotionEventSink
{
    Task HandleAsync(MotionNotice notice, CancellationToken cancellationToken);
}
