using System.Net;
using Dashboard.Access;
using Streaming.Http;

namespace Dashboard.Tests.Access.SignIn;

/// <summary>
/// Signing out takes the user menu's antiforgery token, and ends that browser's session on the server: a copy
/// of its cookie is refused at once, and what it was serving (streams, the circuit hub) ends; the user's other
/// browsers stay signed in.
/// </summary>
public sealed class SignOutTests : IAsyncLifetime
{
    private readonly SecurityApp _app = new();

    public Task InitializeAsync() => _app.CreateUserAsync("sam", DashboardRoles.Viewer);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SigningOutWithoutTheFormsTokenIsRefusedAndTheUserStaysSignedIn()
    {
        var cookie = await FormSignIn.CookieAsync(_app, "sam", SecurityApp.Password);

        Assert.Equal(HttpStatusCode.BadRequest, await FormSignIn.SignOutAsync(_app, cookie, withToken: false));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync("api/cameras", cookie));
    }

    [Fact]
    public async Task SigningOutEndsThatBrowsersSessionAtOnceSoACopiedCookieStopsWorking()
    {
        var laptop = await FormSignIn.CookieAsync(_app, "sam", SecurityApp.Password);
        var phone = await FormSignIn.CookieAsync(_app, "sam", SecurityApp.Password);
        using var laptopClient = _app.CreateRawClient();
        using var laptopFeed = await MjpegFeed.WatchAsync(laptopClient, FeedRoutes.Feed("porch"), r => r.Headers.Add("Cookie", laptop));
        using var laptopHub = await HubSocket.OpenAsync(_app.Address, HubSocket.OriginOf(_app.Address), HubSocket.Cookie(laptop));
        using var phoneClient = _app.CreateRawClient();
        using var phoneFeed = await MjpegFeed.WatchAsync(phoneClient, FeedRoutes.Feed("porch"), r => r.Headers.Add("Cookie", phone));

        Assert.Equal(HttpStatusCode.Redirect, await FormSignIn.SignOutAsync(_app, laptop));

        // The copy someone kept of the laptop's cookie: refused on its very next request, and its live requests end.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("api/cameras", laptop));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync("", laptop));
        await Task.WhenAll(laptopFeed.Ended, HubSocket.EndedAsync(laptopHub)).WaitAsync(Promise.Within);
        Assert.Equal(HttpStatusCode.Unauthorized, await HubSocket.RefusalAsync(_app.Address, HubSocket.OriginOf(_app.Address), HubSocket.Cookie(laptop)));

        // The phone's sign-in is another session.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("api/cameras", phone));
        Assert.False(phoneFeed.Ended.IsCompleted, "the user's other browser was signed out too");
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string cookie)
    {
        using var client = _app.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
