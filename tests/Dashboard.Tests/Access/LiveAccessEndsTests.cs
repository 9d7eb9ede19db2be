using System.Net;
using Dashboard.Access;
using Dashboard.Data;
using Streaming.Http;

namespace Dashboard.Tests.Access;

/// <summary>
/// Access that ends while a stream is running ends the stream too: a revoked or expired share link, a
/// disabled or deleted user. New requests with the same credentials are refused at once.
/// </summary>
public sealed class LiveAccessEndsTests(SecurityApp app) : IClassFixture<SecurityApp>, IAsyncLifetime
{
    // One app for the class: every test makes its own links and users, so what one ends no other uses.
    private readonly SecurityApp _app = app;

    public Task InitializeAsync() => _app.ReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RevokingALinkEndsItsStreamWithinTwoSeconds()
    {
        var link = await _app.CreateLinkAsync("porch", "revoke me");
        using var client = _app.CreateRawClient();
        using var feed = await MjpegFeed.WatchAsync(client, SecurityApp.FeedPath(link));

        await Promise.AssertEndsFeedAsync(feed, async () => await _app.Links.RevokeAsync(await _app.PrincipalAsync(DashboardApp.AdminUser), link.Link.Id));
        using var again = await client.GetAsync(new Uri(SecurityApp.FeedPath(link), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task ExpiryEndsALinksStreamWithinTwoSeconds()
    {
        // The app starts (and migrates its database) first, so the two seconds are the link's, not the start's.
        await _app.ReadyAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var link = await _app.CreateLinkAsync("porch", "short-lived", expiresAt);
        using var client = _app.CreateRawClient();
        using var feed = await MjpegFeed.WatchAsync(client, SecurityApp.FeedPath(link));

        await feed.Ended.WaitAsync(expiresAt - DateTimeOffset.UtcNow + Promise.Within);
        var endedAt = DateTimeOffset.UtcNow;

        Assert.True(endedAt >= expiresAt.AddMilliseconds(-50), $"the stream ended {(expiresAt - endedAt).TotalMilliseconds:0} ms before the link expired");
        using var again = await client.GetAsync(new Uri(SecurityApp.FeedPath(link), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task ALinkThatExpiresInMonthsWorksToday()
    {
        var link = await _app.CreateLinkAsync("porch", "next season", DateTimeOffset.UtcNow.AddDays(120));
        using var client = _app.CreateRawClient();

        using var feed = await MjpegFeed.WatchAsync(client, SecurityApp.FeedPath(link));
        using var snapshot = await client.GetAsync(new Uri($"{FeedRoutes.Snapshot("porch")}?token={link.Token}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        Assert.False(feed.Ended.IsCompleted);
    }

    [Fact]
    public async Task DisablingAUserEndsTheirStreamsAndRefusesTheirBasicAndCookieRequestsAtOnce()
    {
        using var watching = await WatchOnTwoDevicesAsync("porch-tv", DashboardRoles.Viewer, "yard");

        var change = await _app.UserAdministration.SetDisabledAsync(await _app.PrincipalAsync(DashboardApp.AdminUser), watching.User.Id, disabled: true);

        Assert.True(change.Succeeded, change.Message);
        await watching.AssertEndedAndRefusedAsync(_app);
    }

    [Fact]
    public async Task DeletingAUserEndsTheirStreamsAndRefusesTheirBasicAndCookieRequestsAtOnce()
    {
        using var watching = await WatchOnTwoDevicesAsync("gone", DashboardRoles.Operator, "porch");

        var change = await _app.UserAdministration.DeleteAsync(await _app.PrincipalAsync(DashboardApp.AdminUser), watching.User.Id);

        Assert.True(change.Succeeded, change.Message);
        await watching.AssertEndedAndRefusedAsync(_app);
    }

    [Fact]
    public async Task AChangedRoleOrPasswordSignsTheUserOutAtOnceAndOtherUsersKeepWatching()
    {
        await _app.CreateUserAsync("promoted", DashboardRoles.Viewer);
        await _app.CreateUserAsync("bystander", DashboardRoles.Viewer);
        var promoted = await FormSignIn.CookieAsync(_app, "promoted", SecurityApp.Password);
        var bystander = await FormSignIn.CookieAsync(_app, "bystander", SecurityApp.Password);
        using var client = _app.CreateRawClient();
        using var promotedFeed = await MjpegFeed.WatchAsync(client, FeedRoutes.Feed("porch"), r => r.Headers.Add("Cookie", promoted));
        using var otherClient = _app.CreateRawClient();
        using var bystanderFeed = await MjpegFeed.WatchAsync(otherClient, FeedRoutes.Feed("porch"), r => r.Headers.Add("Cookie", bystander));
        var stampBefore = (await _app.FindUserAsync("promoted")).SecurityStamp;

        var admin = await _app.PrincipalAsync(DashboardApp.AdminUser);
        var user = await _app.FindUserAsync("promoted");
        Assert.True((await _app.UserAdministration.SetRoleAsync(admin, user.Id, DashboardRoles.Operator)).Succeeded);

        await promotedFeed.Ended.WaitAsync(Promise.Within);
        Assert.NotEqual(stampBefore, (await _app.FindUserAsync("promoted")).SecurityStamp);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "api/cameras", promoted));
        Assert.False(bystanderFeed.Ended.IsCompleted, "another user's stream ended too");

        // The new role applies from the next sign-in; a password reset ends that session as well.
        var again = await FormSignIn.CookieAsync(_app, "promoted", SecurityApp.Password);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "api/cameras", again));
        Assert.True((await _app.UserAdministration.ResetPasswordAsync(admin, user.Id, "Another-Password-7")).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "api/cameras", again));
        using var oldPassword = _app.CreateBasicClient("promoted", SecurityApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldPassword.GetAsync(new Uri("api/cameras", UriKind.Relative))).StatusCode);
        using var newPassword = _app.CreateBasicClient("promoted", "Another-Password-7");
        Assert.Equal(HttpStatusCode.OK, (await newPassword.GetAsync(new Uri("api/cameras", UriKind.Relative))).StatusCode);
    }

    /// <summary>A new user watching the porch with HTTP Basic on one device and <paramref name="cookieCamera"/> signed in on another.</summary>
    private async Task<TwoDevices> WatchOnTwoDevicesAsync(string userName, string role, string cookieCamera)
    {
        var user = await _app.CreateUserAsync(userName, role);
        var cookie = await FormSignIn.CookieAsync(_app, userName, SecurityApp.Password);
        var basicClient = _app.CreateBasicClient(userName, SecurityApp.Password);
        var cookieClient = _app.CreateRawClient();
        var basicFeed = await MjpegFeed.WatchAsync(basicClient, FeedRoutes.Feed("porch"));
        var cookieFeed = await MjpegFeed.WatchAsync(cookieClient, FeedRoutes.Feed(cookieCamera), r => r.Headers.Add("Cookie", cookie));
        return new TwoDevices(user, cookie, basicClient, cookieClient, basicFeed, cookieFeed);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    private sealed record TwoDevices(DashboardUser User, string Cookie, HttpClient BasicClient, HttpClient CookieClient, MjpegFeed BasicFeed, MjpegFeed CookieFeed) : IDisposable
    {
        /// <summary>Both streams end within the promise, and neither the password nor the cookie opens the feed or the dashboard again.</summary>
        public async Task AssertEndedAndRefusedAsync(SecurityApp app)
        {
            await Task.WhenAll(BasicFeed.Ended, CookieFeed.Ended).WaitAsync(Promise.Within);
            using var basic = await BasicClient.GetAsync(new Uri(FeedRoutes.Feed("porch"), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);

            using var client = app.CreateRawClient();
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, FeedRoutes.Feed("porch"), Cookie));
            Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(client, "", Cookie));
        }

        public void Dispose()
        {
            BasicFeed.Dispose();
            CookieFeed.Dispose();
            BasicClient.Dispose();
            CookieClient.Dispose();
        }
    }
}
