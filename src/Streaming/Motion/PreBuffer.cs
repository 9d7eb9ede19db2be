using Streaming.Broadcasting;

namespace Streaming.Motion;

/// <summary>
/// The camera's newest frames covering <paramref name="duration"/> (by capture time), so a clip can start before
/// the motion did. Holds references to the frames viewers got, no copies. Not thread-safe.
/// </summary>
internal sealed class PreBuffer(TimeSpan duration)
{
    private readonly Queue<JpegFrame> _frames = new();

    public int Count => _frames.Count;

    public void Add(JpegFrame frame)
    {
        _frames.Enqueue(frame);
        while (_frames.TryPeek(out var oldest) && frame.CapturedAt - oldest.CapturedAt > duration)
        {
            _frames.Dequeue();
        }
    }

    /// <summary>The buffered frames from <paramref name="from"/> on, oldest first.</summary>
    public IEnumerable<JpegFrame> Since(DateTimeOffset from) => _frames.Where(f => f.CapturedAt >= from);

    public void Clear() => _frames.Clear();
}
