using Microsoft.Extensions.Time.Testing;
using Streaming.Sources;

namespace Streaming.Tests.Sources;

public sealed class FramePacerTests
{
    private static Task Blocking(Action wait) =>
        Task.Factory.StartNew(wait, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [Fact]
    public async Task EachFrameIsDueOneIntervalAfterThePrevious()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pacer = new FramePacer(50, time);

        var first = pacer.WaitAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(19));

        // Not a wait for something to happen: a bounded look for something that must not.
        await Assert.ThrowsAsync<TimeoutException>(() => first.WaitAsync(TimeSpan.FromMilliseconds(200)));
        time.Advance(TimeSpan.FromMilliseconds(1));
        await first.WaitAsync(Eventually.DefaultTimeout);

        var second = pacer.WaitAsync(CancellationToken.None).AsTask();
        await Assert.ThrowsAsync<TimeoutException>(() => second.WaitAsync(TimeSpan.FromMilliseconds(200)));
        time.Advance(TimeSpan.FromMilliseconds(20));
        await second.WaitAsync(Eventually.DefaultTimeout);
    }

    [Fact]
    public async Task BlockingWaitsOnTheSystemClockKeepTheRate()
    {
        var pacer = new FramePacer(100, TimeProvider.System);
        var started = TimeProvider.System.GetTimestamp();

        await Blocking(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                pacer.Wait(CancellationToken.None);
            }
        }).WaitAsync(Eventually.DefaultTimeout);

        // Ten frames at 100 fps cannot come sooner than 100 ms after the pacer was made.
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(99));
    }

    [Fact]
    public async Task APacerThatFellBehindSendsOneFrameAtOnceThenKeepsTheRateInsteadOfBursting()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pacer = new FramePacer(50, time);
        time.Advance(TimeSpan.FromMilliseconds(200));

        await pacer.WaitAsync(CancellationToken.None).AsTask().WaitAsync(Eventually.DefaultTimeout);
        var next = pacer.WaitAsync(CancellationToken.None).AsTask();

        await Assert.ThrowsAsync<TimeoutException>(() => next.WaitAsync(TimeSpan.FromMilliseconds(200)));
        time.Advance(TimeSpan.FromMilliseconds(20));
        await next.WaitAsync(Eventually.DefaultTimeout);
    }

    [Fact]
    public async Task CancellingEndsAWaitOnTheSystemClockAtOnce()
    {
        var pacer = new FramePacer(0.1, TimeProvider.System);
        using var cancel = new CancellationTokenSource();

        var waiting = Blocking(() => pacer.Wait(cancel.Token));
        await cancel.CancelAsync();

        // The frame would be due in 10 s.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
