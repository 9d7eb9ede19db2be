using Dashboard.Access.SignIn;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Access.SignIn;

public sealed class RefusalPacingTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task AFastRefusalWaitsUntilItHasTakenAsLongAsATypicalWrongPassword()
    {
        var pacing = new RefusalPacing(_time);
        var wrong = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(170));
        pacing.RecordWrongPassword(wrong);

        var unknown = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(80));
        var padded = pacing.PadAsync(unknown);
        Assert.False(padded.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(89));
        Assert.False(padded.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await padded.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ARefusalAlreadySlowerThanAWrongPasswordIsNotDelayedFurther()
    {
        var pacing = new RefusalPacing(_time);
        var wrong = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(100));
        pacing.RecordWrongPassword(wrong);

        var slow = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.True(pacing.PadAsync(slow).IsCompleted);
    }

    [Fact]
    public void BeforeAnyWrongPasswordNothingIsDelayed() =>
        Assert.True(new RefusalPacing(_time).PadAsync(_time.GetTimestamp()).IsCompleted);
}
