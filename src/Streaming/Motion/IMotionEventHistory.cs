namespace Streaming.Motion;

/// <summary>
/// The stored events, as retention sees them: an event whose files are already gone (recording was paused, or
/// an operator deleted the files) still goes by the clips' age rule. The dashboard's event store implements it.
/// </summary>
public interface IMotionEventHistory
{
    /// <summary>Up to <paramref name="limit"/> stored events that started before <paramref name="cutoff"/>, oldest first.</summary>
    Task<IReadOnlyList<MotionEvent>> StartedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);
}
