using System.Net;
using Dashboard.Access;
using Dashboard.Access.SignIn;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Access.SignIn;

public sealed class SignInThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Neighbour = IPAddress.Parse("192.0.2.8");
    private readonly FakeTimeProvider _time = new();

    private SignInThrottle Throttle(int perMinute) =>
        new(Options.Create(new AuthOptions { SignInAttemptsPerMinute = perMinute }), _time);

    [Fact]
    public void AnAddressIsBlockedAtTheLimitOfFailuresWithinAMinuteAndOthersAreNot()
    {
        var throttle = Throttle(3);
        throttle.RecordFailure(Attacker);
        throttle.RecordFailure(Attacker);
        Assert.False(throttle.IsBlocked(Attacker));

        throttle.RecordFailure(Attacker);
        Assert.True(throttle.IsBlocked(Attacker));
        Assert.False(throttle.IsBlocked(Neighbour));
    }

    [Fact]
    public void AnAddressIsLetInAgainWhenItsOldestFailureIsAMinuteOldWithoutAnyTimerRunning()
    {
        var throttle = Throttle(2);
        throttle.RecordFailure(Attacker);
        _time.Advance(TimeSpan.FromSeconds(30));
        throttle.RecordFailure(Attacker);
        Assert.True(throttle.IsBlocked(Attacker));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(throttle.IsBlocked(Attacker));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(throttle.IsBlocked(Attacker));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(throttle.IsBlocked(Attacker));
    }

    [Fact]
    public void FailuresWhileBlockedDoNotProlongTheBlock()
    {
        var throttle = Throttle(1);
        throttle.RecordFailure(Attacker);
        _time.Advance(TimeSpan.FromSeconds(50));
        throttle.RecordFailure(Attacker);
        Assert.True(throttle.IsBlocked(Attacker));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(throttle.IsBlocked(Attacker));
    }

    [Fact]
    public void FailuresWithoutAKnownAddressCountAgainstOneSharedUnknownClient()
    {
        var throttle = Throttle(1);
        throttle.RecordFailure(null);
        Assert.True(throttle.IsBlocked(null));
        Assert.False(throttle.IsBlocked(Attacker));
    }
}
