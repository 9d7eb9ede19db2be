using System.Net;
using Dashboard.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access.SignIn;

/// <summary>
/// HTTP Basic verifies a (user, password) once and remembers the success for a while, so a tool polling a snapshot
/// costs one password hash, not one per request; anything that gives the user a new security stamp (password,
/// role, disabling, all through the dashboard's user administration) is seen on the very next request, one made
/// around it within the stamp-check interval, and a wrong password is never remembered. The hashes are counted by
/// wrapping Identity's own hasher.
/// </summary>
public sealed class BasicCredentialCacheTests : IAsyncLifetime
{
    private readonly CountingPasswordHasher _hasher = new();
    private readonly SecurityApp _app = new();

    public BasicCredentialCacheTests() =>
        _app.WithServices(_hasher.Register);

    public Task InitializeAsync() => _app.CreateUserAsync("poller", DashboardRoles.Viewer);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TwentyBasicRequestsHashThePasswordOnce()
    {
        using var client = _app.CreateBasicClient("poller", SecurityApp.Password);
        var before = _hasher.Verifications;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        }

        Assert.Equal(1, _hasher.Verifications - before);
    }

    [Fact]
    public async Task ANewRolePasswordOrDisablingIsSeenOnTheNextRequestDespiteTheCache()
    {
        using var client = _app.CreateBasicClient("poller", SecurityApp.Password);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        var admin = await _app.PrincipalAsync(DashboardApp.AdminUser);
        var poller = (await _app.FindUserAsync("poller")).Id;

        Assert.True((await _app.UserAdministration.SetRoleAsync(admin, poller, DashboardRoles.Operator)).Succeeded);
        var beforeRoleCheck = _hasher.Verifications;
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
        Assert.Equal(1, _hasher.Verifications - beforeRoleCheck);

        Assert.True((await _app.UserAdministration.ResetPasswordAsync(admin, poller, "Changed-Password-8")).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client));
        using var changed = _app.CreateBasicClient("poller", "Changed-Password-8");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(changed));

        Assert.True((await _app.UserAdministration.SetDisabledAsync(admin, poller, disabled: true)).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(changed));
    }

    [Fact]
    public async Task AChangeMadeAroundTheDashboardIsSeenWithinTheStampCheckIntervalAsACookiesIs()
    {
        await using var app = new SecurityApp().WithServices(services =>
            services.PostConfigure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromSeconds(2)));
        await app.CreateUserAsync("poller", DashboardRoles.Viewer);
        using var client = app.CreateBasicClient("poller", SecurityApp.Password);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));

        // Straight through Identity, so nothing tells the cache: the stamp read after the interval does.
        await app.ChangeUserAsync("poller", (users, user) => users.ChangePasswordAsync(user, SecurityApp.Password, "Changed-Password-8"));

        await Eventually.HoldsAsync(async () => await StatusAsync(client) == HttpStatusCode.Unauthorized, "the old password is refused", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AWrongPasswordIsHashedEveryTimeAndNeverRemembered()
    {
        using var right = _app.CreateBasicClient("poller", SecurityApp.Password);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(right));
        using var wrong = _app.CreateBasicClient("poller", "Next-Password-99");
        var before = _hasher.Verifications;

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(wrong));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(wrong));
        Assert.Equal(2, _hasher.Verifications - before);

        // Had the refusal been remembered, the password that is right from now on would still be refused.
        await _app.ChangeUserAsync("poller", (users, user) => users.ChangePasswordAsync(user, SecurityApp.Password, "Next-Password-99"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(wrong));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("api/cameras/porch", UriKind.Relative));
        return response.StatusCode;
    }
}
