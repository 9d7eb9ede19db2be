using Streaming.Broadcasting;

namespace Streaming.Tests.Broadcasting;

/// <summary>
/// A frame read into a pooled array goes back to the pool once nobody holds it, and never while anyone might still
/// read it: the broadcaster's newest frame, a mailbox's frame, a frame handed out by the public API.
/// </summary>
public sealed class FramePoolingTests
{
    private static JpegFrame Pooled(long sequence)
    {
        var rented = FramePool.Rent(100);
        rented.AsSpan(0, 100).Fill((byte)sequence);
        return JpegFrame.FromPool(rented, 100, sequence, DateTimeOffset.UtcNow, 64, 48);
    }

    /// <summary>Publishes a new frame as the pipeline does: held during the call, released after it.</summary>
    private static JpegFrame Publish(FrameBroadcaster broadcaster, long sequence)
    {
        var frame = Pooled(sequence);
        broadcaster.Publish(frame);
        frame.Release();
        return frame;
    }

    [Fact]
    public void APooledFrameGoesBackWithItsLastReleaseAndCannotBeHeldOrReleasedAfterIt()
    {
        var frame = Pooled(1);
        frame.Hold();

        frame.Release();
        Assert.False(frame.ReturnedToPool);
        frame.Release();

        Assert.True(frame.ReturnedToPool);
        Assert.False(frame.TryHold());
        Assert.Throws<InvalidOperationException>(frame.Hold);
        Assert.Throws<InvalidOperationException>(frame.Release);
    }

    [Fact]
    public void AFrameOverAnArrayOfItsOwnIsNeverReturned()
    {
        var frame = new JpegFrame(new byte[10], 1, DateTimeOffset.UtcNow, 1, 1);

        frame.Release();
        frame.Release();

        Assert.False(frame.ReturnedToPool);
        Assert.True(frame.TryHold());
        Assert.Equal(10, frame.Data.Length);
    }

    [Fact]
    public void TheBroadcasterHoldsItsNewestFrameUntilTheNextOneOrAReset()
    {
        var broadcaster = new FrameBroadcaster();

        var first = Publish(broadcaster, 1);
        Assert.False(first.ReturnedToPool);

        var second = Publish(broadcaster, 2);
        Assert.True(first.ReturnedToPool);
        Assert.False(second.ReturnedToPool);

        broadcaster.Reset();
        Assert.True(second.ReturnedToPool);
    }

    [Fact]
    public void AMailboxHoldsItsFrameUntilANewerOneReplacesIt()
    {
        var broadcaster = new FrameBroadcaster();
        _ = PushSubscriberTests.Subscribe(broadcaster);

        var first = Publish(broadcaster, 1);
        broadcaster.Reset();
        Assert.False(first.ReturnedToPool);

        var second = Publish(broadcaster, 2);
        broadcaster.Reset();
        Assert.True(first.ReturnedToPool);
        Assert.False(second.ReturnedToPool);
    }

    [Fact]
    public async Task FramesFromThePublicApiAreTheCallersToKeepWhatEverComesAfter()
    {
        var broadcaster = new FrameBroadcaster();
        var subscription = PushSubscriberTests.Subscribe(broadcaster);
        var first = Publish(broadcaster, 1);
        var read = await subscription.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var latest = broadcaster.Latest;

        for (var i = 2; i < 10; i++)
        {
            Publish(broadcaster, i);
        }

        broadcaster.Reset();
        Assert.Same(first, read);
        Assert.Same(first, latest);
        Assert.False(first.ReturnedToPool);
        Assert.All(first.Data.ToArray(), b => Assert.Equal(1, b));
    }

    [Fact]
    public async Task AReaderThatCopiesEachFrameLetsGoOfItWhenItAsksForTheNext()
    {
        var broadcaster = new FrameBroadcaster();
        var subscription = PushSubscriberTests.Subscribe(broadcaster);
        var read = new List<JpegFrame>();
        var first = Publish(broadcaster, 1);

        await using (var frames = subscription.ReadEachOnceAsync().GetAsyncEnumerator())
        {
            Assert.True(await frames.MoveNextAsync());
            read.Add(frames.Current);
            broadcaster.Reset();
            Assert.False(first.ReturnedToPool);

            var second = Publish(broadcaster, 2);
            Assert.True(await frames.MoveNextAsync());
            read.Add(frames.Current);
            Assert.True(first.ReturnedToPool);
            Assert.False(second.ReturnedToPool);
        }

        broadcaster.Reset();
        Assert.All(read, frame => Assert.True(frame.ReturnedToPool));
    }

    [Fact]
    public void APushSubscriberHasAFrameForTheCallAndHoldsWhatItKeepsBeyondIt()
    {
        var broadcaster = new FrameBroadcaster();
        var sink = new KeepingSink();
        PushSubscriberTests.Subscribe(broadcaster).DeliverTo(sink);

        var first = Publish(broadcaster, 1);
        var second = Publish(broadcaster, 2);
        var third = Publish(broadcaster, 3);

        // The sink keeps the newest two it was offered; the broadcaster the newest.
        Assert.True(first.ReturnedToPool);
        Assert.False(second.ReturnedToPool);
        Assert.False(third.ReturnedToPool);
        Assert.Equal([first, second, third], sink.Offered);
    }

    /// <summary>Keeps the newest two frames it is offered, holding them, as a sender finishing a part does.</summary>
    private sealed class KeepingSink : IFrameSink
    {
        private readonly Queue<JpegFrame> _kept = new();

        public List<JpegFrame> Offered { get; } = [];

        public void Offer(JpegFrame frame)
        {
            Offered.Add(frame);
            _kept.Enqueue(frame.Hold());
            if (_kept.Count > 2)
            {
                _kept.Dequeue().Release();
            }
        }

        public void Complete()
        {
        }
    }
}
