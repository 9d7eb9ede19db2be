using Streaming.Broadcasting;

namespace Streaming.Tests.Broadcasting;

public sealed class FrameBroadcasterTests
{
    private static JpegFrame Frame(long sequence, int bytes = 1000) =>
        new(new byte[bytes], sequence, DateTimeOffset.UtcNow, 64, 48);

    private static Subscription Subscribe(FrameBroadcaster broadcaster, string id)
    {
        var subscriber = broadcaster.Add(new SubscriberInfo { Id = id, Kind = SubscriberKind.Feed });
        return new Subscription(subscriber, s =>
        {
            broadcaster.Remove(s);
            return ValueTask.CompletedTask;
        });
    }

    [Fact]
    public async Task SlowSubscriberSkipsFramesWhileFastOneGetsEveryFrame()
    {
        var broadcaster = new FrameBroadcaster();
        await using var fast = Subscribe(broadcaster, "fast");
        await using var slow = Subscribe(broadcaster, "slow");

        var received = new List<long>();
        for (var i = 1; i <= 100; i++)
        {
            broadcaster.Publish(Frame(i));
            received.Add((await fast.ReadAsync().Within())!.Sequence);
        }

        var newest = await slow.ReadAsync().Within();

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), received);
        Assert.Equal(100, newest!.Sequence);
        var fastStats = fast.ReadStatistics();
        var slowStats = slow.ReadStatistics();
        Assert.Equal((100L, 0L, 100_000L), (fastStats.FramesSent, fastStats.FramesSkipped, fastStats.BytesSent));
        Assert.Equal((1L, 99L, 1000L), (slowStats.FramesSent, slowStats.FramesSkipped, slowStats.BytesSent));
    }

    [Fact]
    public async Task PublisherNeverWaitsForASubscriberThatStoppedReading()
    {
        var broadcaster = new FrameBroadcaster();
        await using var stuck = Subscribe(broadcaster, "stuck");

        var publishing = Task.Run(() =>
        {
            for (var i = 1; i <= 100_000; i++)
            {
                broadcaster.Publish(Frame(i, bytes: 16));
            }
        });

        await publishing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(99_999, stuck.ReadStatistics().FramesSkipped);
        Assert.Equal(100_000, (await stuck.ReadAsync().Within())!.Sequence);
    }

    [Fact]
    public async Task NewSubscriberGetsTheNewestFrameAtOnce()
    {
        var broadcaster = new FrameBroadcaster();
        broadcaster.Publish(Frame(1));
        broadcaster.Publish(Frame(2));

        await using var late = Subscribe(broadcaster, "late");

        Assert.Equal(2, (await late.ReadAsync().Within())!.Sequence);
    }

    [Fact]
    public async Task EverySubscriberReceivesTheSameFrameInstance()
    {
        var broadcaster = new FrameBroadcaster();
        var subscriptions = Enumerable.Range(0, 5).Select(i => Subscribe(broadcaster, $"s{i}")).ToList();
        var frame = Frame(7);

        broadcaster.Publish(frame);

        foreach (var subscription in subscriptions)
        {
            Assert.Same(frame, await subscription.ReadAsync().Within());
            await subscription.DisposeAsync();
        }
    }

    [Fact]
    public async Task DisposingASubscriptionRemovesItAndEndsItsStream()
    {
        var broadcaster = new FrameBroadcaster();
        var subscription = Subscribe(broadcaster, "leaving");
        Assert.Equal(1, broadcaster.SubscriberCount);

        await subscription.DisposeAsync();

        Assert.Equal(0, broadcaster.SubscriberCount);
        Assert.Null(await subscription.ReadAsync().Within());
    }

    [Fact]
    public async Task StatisticsDescribeTheSubscriber()
    {
        var broadcaster = new FrameBroadcaster();
        var info = new SubscriberInfo
        {
            Id = "abc",
            Kind = SubscriberKind.Dashboard,
            Label = "hall display",
            User = "alice",
            RemoteAddress = "10.0.0.5",
            UserAgent = "VLC/3.0",
        };
        await using var subscription = new Subscription(broadcaster.Add(info), s =>
        {
            broadcaster.Remove(s);
            return ValueTask.CompletedTask;
        });

        var statistics = Assert.Single(broadcaster.ReadSubscribers());

        Assert.Equal(
            ("abc", SubscriberKind.Dashboard, "hall display", "alice", "10.0.0.5", "VLC/3.0", subscription.Info.ConnectedAt),
            (statistics.Id, statistics.Kind, statistics.Label, statistics.User, statistics.RemoteAddress, statistics.UserAgent, statistics.ConnectedAt));
    }
}
