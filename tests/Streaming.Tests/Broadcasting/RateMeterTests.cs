using Microsoft.Extensions.Time.Testing;
using Streaming.Broadcasting;

namespace Streaming.Tests.Broadcasting;

public sealed class RateMeterTests
{
    [Fact]
    public void RateIsEventsPerSecondOverTheWindow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var meter = new RateMeter(time);

        // 30 events per second for 3 seconds, evenly spaced.
        for (var i = 0; i < 90; i++)
        {
            meter.Record();
            time.Advance(TimeSpan.FromSeconds(1.0 / 30));
        }

        Assert.InRange(meter.PerSecond(), 28.5, 31.5);
    }

    [Fact]
    public void RateFallsToZeroWhenEventsStop()
    {
        var time = new FakeTimeProvider();
        var meter = new RateMeter(time);
        for (var i = 0; i < 30; i++)
        {
            meter.Record();
            time.Advance(TimeSpan.FromMilliseconds(33));
        }

        time.Advance(RateMeter.Window + TimeSpan.FromSeconds(1));

        Assert.Equal(0, meter.PerSecond());
    }
}
