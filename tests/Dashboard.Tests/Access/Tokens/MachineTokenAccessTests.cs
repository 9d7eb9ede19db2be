using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Access.Tokens;
using Dashboard.Access;
using Streaming.Http;

namespace Dashboard.Tests.Access.Tokens;

/// <summary>
/// A machine token over real HTTP: as <c>Authorization: Bearer</c> or as the password of HTTP Basic it opens the feeds,
/// snapshots, the API and <c>/metrics</c> with its owner's role, nothing else; revoking or expiring it, or disabling
/// its owner, ends its running stream within 2 s.
/// </summary>
/// <remarks>One app for the class: every test makes a token of its own for an owner of its own, so what one revokes or disables no other uses.</remarks>
public sealed class MachineTokenAccessTests(SecurityApp app) : IClassFixture<SecurityApp>, IDisposable
{
    /// <summary>One client without cookies: a request carries only the credentials the test gives it.</summary>
    private readonly HttpClient _client = app.CreateRawClient();

    private MachineTokenService Tokens => app.Tokens;

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("video_feed/porch")]
    [InlineData("snapshot/porch.jpg")]
    [InlineData("api/cameras")]
    [InlineData("metrics")]
    public async Task ABearerTokenOpensFeedsSnapshotsTheApiAndMetrics(string path)
    {
        var token = await CreateAsync("bearer-" + path.Length, DashboardRoles.Viewer);

        using var anonymous = await _client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var response = await GetWithTokenAsync(path, token.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ATokenWorksAsTheBasicPasswordForToolsThatKnowOnlyBasic()
    {
        var token = await CreateAsync("home-assistant", DashboardRoles.Viewer);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(FeedRoutes.Snapshot("porch"), UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"anything:{token.Secret}")));
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cameras")]
    [InlineData("ws/tiles")]
    public async Task ATokenOpensNoPageAndNotTheTileSocket(string path)
    {
        var token = await CreateAsync("pages-" + path.Length, DashboardRoles.Admin);

        using var response = await GetWithTokenAsync(path, token.Secret);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.SwitchingProtocols, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownOrMangledTokenIsRefused()
    {
        var token = await CreateAsync("mangled", DashboardRoles.Viewer);

        using var response = await GetWithTokenAsync("api/cameras", token.Secret[..^2]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RevokingATokenEndsItsRunningStreamWithinTwoSeconds()
    {
        var token = await CreateAsync("vlc", DashboardRoles.Viewer);
        using var feed = await MjpegFeed.WatchAsync(_client, FeedRoutes.Feed("porch"), request => Bearer(request, token));

        await Promise.AssertEndsFeedAsync(feed, async () => await Tokens.RevokeAsync(await app.PrincipalAsync("vlc"), token.Token.Id));
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(FeedRoutes.Feed("porch"), UriKind.Relative));
        Bearer(again, token);
        using var refused = await _client.SendAsync(again, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ATokenThatExpiresEndsItsStreamWhenItExpires()
    {
        var token = await CreateAsync("short-lived", DashboardRoles.Viewer, lifetime: TimeSpan.FromSeconds(2));
        var expiresAt = token.Token.ExpiresAt!.Value;
        using var feed = await MjpegFeed.WatchAsync(_client, FeedRoutes.Feed("porch"), request => Bearer(request, token));

        await feed.Ended.WaitAsync(expiresAt - DateTimeOffset.UtcNow + Promise.Within);

        Assert.True(DateTimeOffset.UtcNow >= expiresAt.AddMilliseconds(-50), "the stream ended before the token expired");
    }

    [Fact]
    public async Task DisablingTheOwnerEndsTheTokensStreamWithinTwoSeconds()
    {
        var token = await CreateAsync("disabled-owner", DashboardRoles.Viewer);
        using var feed = await MjpegFeed.WatchAsync(_client, FeedRoutes.Feed("porch"), request => Bearer(request, token));
        var owner = await app.FindUserAsync("disabled-owner");

        await Promise.AssertEndsFeedAsync(feed, async () => await app.UserAdministration.SetDisabledAsync(await app.PrincipalAsync(DashboardApp.AdminUser), owner.Id, true));
    }

    // A lifetime counts from when the owner exists: making the user hashes a password, which took over 2 s on a busy
    // machine, and a token must expire in the future.
    private async Task<CreatedMachineToken> CreateAsync(string owner, string role, TimeSpan? lifetime = null)
    {
        var user = await app.CreateUserAsync(owner, role);
        var principal = await app.PrincipalAsync(owner);
        var result = await Tokens.CreateAsync(principal, new NewMachineToken(user.Id, owner, DateTimeOffset.UtcNow + lifetime));
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }

    private static void Bearer(HttpRequestMessage request, CreatedMachineToken token) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);

    /// <summary>GET with a bearer token, answered once the headers are in (a feed is never complete).</summary>
    private async Task<HttpResponseMessage> GetWithTokenAsync(string path, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
