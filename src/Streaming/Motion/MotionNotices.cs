using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Streaming.Motion;

/// <summary>Hands every notice to every sink, one queue and one loop per sink; a sink's failure is logged and skipped.</summary>
internal sealed partial class MotionNotices : IAsyncDisposable
{
    private readonly (Channel<MotionNotice> Queue, Task Loop)[] _sinks;
    private readonly ILogger _logger;

    public MotionNotices(IEnumerable<IMotionEventSink> sinks, ILogger logger)
    {
        _logger = logger;
        _sinks = [.. sinks.Select(sink =>
        {
            var queue = Channel.CreateUnbounded<MotionNotice>(new UnboundedChannelOptions { SingleReader = true });
            return (queue, Task.Run(() => RunAsync(sink, queue.Reader)));
        })];
    }

    public void Publish(MotionNotice notice)
    {
        foreach (var (queue, _) in _sinks)
        {
            queue.Writer.TryWrite(notice);
        }
    }

    /// <summary>Lets each sink finish what it was given, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (queue, _) in _sinks)
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(_sinks.Select(s => s.Loop));
    }

    private async Task RunAsync(IMotionEventSink sink, ChannelReader<MotionNotice> notices)
    {
        await foreach (var notice in notices.ReadAllAsync())
        {
            try
            {
                await sink.HandleAsync(notice, CancellationToken.None);
            }
#pragma warning disable CA1031 // One sink's failure must not stop the notices to it or to the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSinkFailed(_logger, sink.GetType().Name, notice.Kind, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sink} failed to handle a motion event ({Kind})")]
    private static partial void LogSinkFailed(ILogger logger, string sink, MotionNoticeKind kind, Exception exception);
}
