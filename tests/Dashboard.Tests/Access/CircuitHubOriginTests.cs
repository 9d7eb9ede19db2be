using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;

namespace Dashboard.Tests.Access;

/// <summary>
/// Blazor's circuit hub takes only the dashboard's own pages: another site's page (another port of this host
/// included, which SameSite=Lax cookies reach) cannot open it with the user's credentials, by WebSocket,
/// negotiation or long polling; directly and behind nginx with the repository's snippet.
/// </summary>
public sealed class CircuitHubOriginTests(AppBehindNginx proxied) : IClassFixture<AppBehindNginx>
{
    private readonly SecurityApp _app = proxied.App;

    private NginxProxy Nginx => proxied.Nginx;

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")]
    public async Task AnotherSitesPageCannotOpenTheHubByWebSocketNegotiationOrLongPolling(string origin)
    {
        Assert.Equal(HttpStatusCode.Forbidden, await HubSocket.RefusalAsync(_app.Address, origin, HubSocket.Basic()));

        using var client = _app.CreateBasicClient();
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateStatusAsync(client, origin));

        // A connection negotiated by the dashboard's own page, then polled from another: refused too.
        var token = await NegotiateAsync(client, HubSocket.OriginOf(_app.Address));
        using var poll = new HttpRequestMessage(HttpMethod.Get, new Uri($"_blazor?id={token}", UriKind.Relative));
        poll.Headers.Add("Origin", origin);
        using var polled = await client.SendAsync(poll, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Forbidden, polled.StatusCode);
    }

    [Fact]
    public async Task TheDashboardsOwnPagesOpenTheHub()
    {
        var own = HubSocket.OriginOf(_app.Address);

        using var socket = await HubSocket.OpenAsync(_app.Address, own, HubSocket.Basic());

        Assert.Equal(WebSocketState.Open, socket.State);
        using var client = _app.CreateBasicClient();
        Assert.False(string.IsNullOrEmpty(await NegotiateAsync(client, own)));
    }

    [Fact]
    public async Task BehindTheProxyTheOriginTheBrowserSeesCountsAndTheAppsOwnPortIsAnotherSite()
    {
        var proxied = HubSocket.OriginOf(Nginx.Address);
        var direct = HubSocket.OriginOf(_app.Address);

        using var socket = await HubSocket.OpenAsync(Nginx.Address, proxied, HubSocket.Basic());
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(HttpStatusCode.Forbidden, await HubSocket.RefusalAsync(Nginx.Address, direct, HubSocket.Basic()));
        Assert.Equal(HttpStatusCode.Forbidden, await HubSocket.RefusalAsync(Nginx.Address, "http://evil.example", HubSocket.Basic()));

        using var client = SourceAddressClient.Create(Nginx.Address, IPAddress.Loopback, DashboardApp.AdminUser, DashboardApp.AdminPassword);
        Assert.False(string.IsNullOrEmpty(await NegotiateAsync(client, proxied)));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateStatusAsync(client, direct));
    }

    private static async Task<HttpStatusCode> NegotiateStatusAsync(HttpClient client, string origin)
    {
        using var response = await NegotiateResponseAsync(client, origin);
        return response.StatusCode;
    }

    private static async Task<string> NegotiateAsync(HttpClient client, string origin)
    {
        using var response = await NegotiateResponseAsync(client, origin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("connectionToken").GetString()!;
    }

    private static async Task<HttpResponseMessage> NegotiateResponseAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("_blazor/negotiate?negotiateVersion=1", UriKind.Relative))
        {
            Content = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } },
        };
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }
}
