using System.Net;
using Dashboard.Security;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Security;

/// <summary>Per-account lockout after wrong passwords (form and HTTP Basic alike) and the per-address throttle.</summary>
public sealed class SignInProtectionTests : IAsyncLifetime
{
    private const string Wrong = "Wrong user name or password.";
    private const string Locked = "This account is locked after too many failed sign-ins. Try again in 5 minutes.";

    private readonly SecurityApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WrongPasswordsOnTheFormLockTheAccountAndThenEvenTheRightOneIsRefused()
    {
        _app.WithSetting("Auth:MaxFailedAttempts", "3");
        await _app.CreateUserAsync("alice", DashboardRoles.Viewer);

        for (var attempt = 1; attempt < 3; attempt++)
        {
            var wrong = await FormSignIn.SubmitAsync(_app, "alice", "not-it");
            Assert.False(wrong.SignedIn);
            Assert.Contains(Wrong, wrong.Page, StringComparison.Ordinal);
        }

        var third = await FormSignIn.SubmitAsync(_app, "alice", "not-it");
        Assert.Contains(Locked, third.Page, StringComparison.Ordinal);

        var right = await FormSignIn.SubmitAsync(_app, "alice", SecurityApp.Password);
        Assert.False(right.SignedIn);
        Assert.Contains(Locked, right.Page, StringComparison.Ordinal);

        using var basic = _app.CreateBasicClient("alice", SecurityApp.Password);
        using var response = await basic.GetAsync(new Uri("api/cameras", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswordsOverBasicLockTheAccountForBasicAndTheForm()
    {
        _app.WithSetting("Auth:MaxFailedAttempts", "3");
        await _app.CreateUserAsync("bob", DashboardRoles.Operator);
        using var guesser = _app.CreateBasicClient("bob", "guess");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var wrong = await guesser.GetAsync(new Uri("snapshot/porch.jpg", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.True(await _app.WithUserManagerAsync(async users => await users.IsLockedOutAsync((await users.FindByNameAsync("bob"))!)));
        using var owner = _app.CreateBasicClient("bob", SecurityApp.Password);
        using var refused = await owner.GetAsync(new Uri("snapshot/porch.jpg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var form = await FormSignIn.SubmitAsync(_app, "bob", SecurityApp.Password);
        Assert.False(form.SignedIn);
        Assert.Contains(Locked, form.Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTooManyFailuresFromOneAddressEvenOtherAccountsAreRefusedFromIt()
    {
        _app.WithSetting("Auth:SignInAttemptsPerMinute", "3").WithSetting("Auth:MaxFailedAttempts", "100");
        await _app.CreateUserAsync("carol", DashboardRoles.Viewer);
        await _app.CreateUserAsync("dave", DashboardRoles.Viewer);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Contains(Wrong, (await FormSignIn.SubmitAsync(_app, "carol", "guess")).Page, StringComparison.Ordinal);
        }

        var dave = await FormSignIn.SubmitAsync(_app, "dave", SecurityApp.Password);
        Assert.False(dave.SignedIn);
        Assert.Contains("Too many failed sign-ins from your address. Wait a minute, then try again.", dave.Page, StringComparison.Ordinal);
        using var basic = _app.CreateBasicClient("dave", SecurityApp.Password);
        using var response = await basic.GetAsync(new Uri("api/cameras", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await _app.WithUserManagerAsync(async users => await users.IsLockedOutAsync((await users.FindByNameAsync("carol"))!)), "the throttle, not the lockout, refused");
    }
}
