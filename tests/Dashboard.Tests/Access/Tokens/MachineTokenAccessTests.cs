using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Access.Tokens;
using Dashboard.Access;
using Dashboard.Tests.Support;
using Streaming.Http;

namespace Dashboard.Tests.Access.Tokens;

/// <summary>
/// A machine token over real HTTP: as <c>Authorization: Bearer</c> or as the password of HTTP Basic it opens the feeds,
/// snapshots, the API and <c>/metrics</c> with its owner's role, nothing else; revoking or expiring it, or disabling
/// its owner, ends its running stream within 2 s.
/// </summary>
public sealed class MachineTokenAccessTests : IAsyncLifetime
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(2);

    private readonly SecurityApp _app = new();

    private MachineTokenService Tokens => _app.Tokens;

    public Task InitializeAsync() => _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("video_feed/porch")]
    [InlineData("snapshot/porch.jpg")]
    [InlineData("api/cameras")]
    [InlineData("metrics")]
    public async Task ABearerTokenOpensFeedsSnapshotsTheApiAndMetrics(string path)
    {
        var token = await CreateAsync("bearer-" + path.Length, DashboardRoles.Viewer);
        using var client = _app.CreateRawClient();

        using var anonymous = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var response = await GetWithTokenAsync(client, path, token.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ATokenWorksAsTheBasicPasswordForToolsThatKnowOnlyBasic()
    {
        var token = await CreateAsync("home-assistant", DashboardRoles.Viewer);
        using var client = _app.CreateRawClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(FeedRoutes.Snapshot("porch"), UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"anything:{token.Secret}")));
        using var response = await client.SendAsync(request);

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
        using var client = _app.CreateRawClient();

        using var response = await GetWithTokenAsync(client, path, token.Secret);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.SwitchingProtocols, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownOrMangledTokenIsRefused()
    {
        var token = await CreateAsync("mangled", DashboardRoles.Viewer);
        using var client = _app.CreateRawClient();

        using var response = await GetWithTokenAsync(client, "api/cameras", token.Secret[..^2]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RevokingATokenEndsItsRunningStreamWithinTwoSeconds()
    {
        var token = await CreateAsync("vlc", DashboardRoles.Viewer);
        using var client = _app.CreateRawClient();
        using var feed = await MjpegFeed.WatchAsync(client, FeedRoutes.Feed("porch"), request => Bearer(request, token));

        var revoking = Stopwatch.StartNew();
        Assert.True((await Tokens.RevokeAsync(await _app.PrincipalAsync("vlc"), token.Token.Id)).Succeeded);
        await feed.Ended.WaitAsync(Promise);

        Assert.InRange(revoking.Elapsed, TimeSpan.Zero, Promise);
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(FeedRoutes.Feed("porch"), UriKind.Relative));
        Bearer(again, token);
        using var refused = await client.SendAsync(again, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ATokenThatExpiresEndsItsStreamWhenItExpires()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var token = await CreateAsync("short-lived", DashboardRoles.Viewer, expiresAt);
        using var client = _app.CreateRawClient();
        using var feed = await MjpegFeed.WatchAsync(client, FeedRoutes.Feed("porch"), request => Bearer(request, token));

        await feed.Ended.WaitAsync(expiresAt - DateTimeOffset.UtcNow + Promise);

        Assert.True(DateTimeOffset.UtcNow >= expiresAt.AddMilliseconds(-50), "the stream ended before the token expired");
    }

    [Fact]
    public async Task DisablingTheOwnerEndsTheTokensStreamWithinTwoSeconds()
    {
        var token = await CreateAsync("disabled-owner", DashboardRoles.Viewer);
        using var client = _app.CreateRawClient();
        using var feed = await MjpegFeed.WatchAsync(client, FeedRoutes.Feed("porch"), request => Bearer(request, token));
        var owner = await _app.FindUserAsync("disabled-owner");

        var disabling = Stopwatch.StartNew();
        Assert.True((await _app.UserAdministration.SetDisabledAsync(await _app.PrincipalAsync(DashboardApp.AdminUser), owner.Id, true)).Succeeded);
        await feed.Ended.WaitAsync(Promise);

        Assert.InRange(disabling.Elapsed, TimeSpan.Zero, Promise);
    }

    private async Task<CreatedMachineToken> CreateAsync(string owner, string role, DateTimeOffset? expiresAt = null)
    {
        var user = await _app.CreateUserAsync(owner, role);
        var result = await Tokens.CreateAsync(await _app.PrincipalAsync(owner), new NewMachineToken(user.Id, owner, expiresAt));
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }

    private static void Bearer(HttpRequestMessage request, CreatedMachineToken token) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);

    /// <summary>GET with a bearer token, answered once the headers are in (a feed is never complete).</summary>
    private static async Task<HttpResponseMessage> GetWithTokenAsync(HttpClient client, string path, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
