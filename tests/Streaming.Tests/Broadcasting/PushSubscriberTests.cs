using Streaming.Broadcasting;

namespace Streaming.Tests.Broadcasting;

/// <summary>Subscribers that take frames as they are published (<see cref="IFrameSink"/>), like direct feeds.</summary>
public sealed class PushSubscriberTests
{
    private static JpegFrame Frame(long sequence) => new(new byte[100], sequence, DateTimeOffset.UtcNow, 64, 48);

    [Fact]
    public void AFewPushSubscribersGetEachFrameOnThePublishingThreadBeforePublishReturns()
    {
        var broadcaster = new FrameBroadcaster();
        var sinks = Enumerable.Range(0, FrameBroadcaster.InlinePassLimit).Select(_ => new BlockingSink()).ToList();
        foreach (var sink in sinks)
        {
            sink.Release();
            Subscribe(broadcaster).DeliverTo(sink);
        }

        var publisher = Environment.CurrentManagedThreadId;
        broadcaster.Publish(Frame(1));

        Assert.All(sinks, sink => Assert.Equal((1L, publisher), (sink.Last, sink.OfferedOn)));
    }

    [Fact]
    public async Task APushSubscriberThatTakesLongAmongManyNeitherDelaysThePublisherNorMissesTheNewestFrame()
    {
        var broadcaster = new FrameBroadcaster();
        var sink = new BlockingSink();
        var subscription = Subscribe(broadcaster);
        subscription.DeliverTo(sink);

        // More push subscribers than are served on the publishing thread: the pass goes to a pool thread.
        for (var i = 0; i < FrameBroadcaster.InlinePassLimit; i++)
        {
            var other = new BlockingSink();
            other.Release();
            Subscribe(broadcaster).DeliverTo(other);
        }

        broadcaster.Publish(Frame(1));
        await sink.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var publishing = Task.Run(() =>
        {
            for (var i = 2; i <= 50; i++)
            {
                broadcaster.Publish(Frame(i));
            }
        });

        // The sink still holds frame 1, yet all 49 further frames were published.
        await publishing.WaitAsync(TimeSpan.FromSeconds(10));
        sink.Release();

        await Eventually.HoldsAsync(() => sink.Last == 50, "the sink got the newest frame", TimeSpan.FromSeconds(10));
        Assert.True(sink.Count < 50, "frames published while a pass ran were folded into the newest one");
        await subscription.DisposeAsync();
        Assert.True(sink.Completed);
    }

    [Fact]
    public async Task FramesWaitingInTheMailboxGoToTheSinkWhenItTakesOver()
    {
        var broadcaster = new FrameBroadcaster();
        broadcaster.Publish(Frame(7));
        var subscription = Subscribe(broadcaster);
        var sink = new BlockingSink();
        sink.Release();

        subscription.DeliverTo(sink);

        Assert.Equal(7, sink.Last);
        await subscription.DisposeAsync();
    }

    internal static Subscription Subscribe(FrameBroadcaster broadcaster)
    {
        var subscriber = broadcaster.Add(new SubscriberInfo { Kind = SubscriberKind.Feed });
        return new Subscription(subscriber, s =>
        {
            broadcaster.Remove(s);
            return ValueTask.CompletedTask;
        });
    }

    private sealed class BlockingSink : IFrameSink
    {
        private readonly ManualResetEventSlim _open = new();
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _last;
        private int _count;
        private int _offeredOn;

        public Task Entered => _entered.Task;

        public long Last => Interlocked.Read(ref _last);

        public int Count => Volatile.Read(ref _count);

        /// <summary>The managed thread id of the last offer.</summary>
        public int OfferedOn => Volatile.Read(ref _offeredOn);

        public bool Completed { get; private set; }

        public void Release() => _open.Set();

        public void Offer(JpegFrame frame)
        {
            _entered.TrySetResult();
            _open.Wait(TimeSpan.FromSeconds(10));
            Interlocked.Increment(ref _count);
            Volatile.Write(ref _offeredOn, Environment.CurrentManagedThreadId);
            Interlocked.Exchange(ref _last, frame.Sequence);
        }

        public void Complete() => Completed = true;
    }
}
