using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace Dashboard.Tests.Support;

/// <summary>
/// Blazor's circuit hub (<c>/_blazor</c>) opened the way a page's script opens it: a WebSocket with an <c>Origin</c>
/// and the browser's credentials, then SignalR's handshake (after which the server keeps the socket open for
/// its client timeout, so an early end is the server's doing).
/// </summary>
internal static class HubSocket
{
    private const char RecordSeparator = '\u001e';

    /// <summary>The site's base address (e.g. http://127.0.0.1:5000/ or a proxy's http://host/cams/) as the hub's ws:// address.</summary>
    public static Uri Address(Uri site) => new(site.ToString().Replace("http", "ws", StringComparison.Ordinal) + "_blazor");

    /// <summary>The origin of pages served from <paramref name="site"/>.</summary>
    public static string OriginOf(Uri site) => site.GetLeftPart(UriPartial.Authority);

    public static Action<ClientWebSocketOptions> Basic(string user = DashboardApp.AdminUser, string password = DashboardApp.AdminPassword) =>
        options => options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static Action<ClientWebSocketOptions> Cookie(string cookie) => options => options.SetRequestHeader("Cookie", cookie);

    /// <summary>Opens the hub and completes SignalR's handshake; fails the test when the server refuses.</summary>
    public static async Task<ClientWebSocket> OpenAsync(Uri site, string origin, Action<ClientWebSocketOptions> credentials)
    {
        var socket = Create(origin, credentials);
        try
        {
            await socket.ConnectAsync(Address(site), CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
            await socket.SendAsync(Encoding.UTF8.GetBytes($$"""{"protocol":"blazorpack","version":1}{{RecordSeparator}}"""), WebSocketMessageType.Text, true, CancellationToken.None);
            var buffer = new byte[1024];
            var answer = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
            Assert.Equal("{}" + RecordSeparator, Encoding.UTF8.GetString(buffer, 0, answer.Count));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The status the server answered a WebSocket request with that it refused (fails the test when it accepts).</summary>
    public static async Task<HttpStatusCode> RefusalAsync(Uri site, string origin, Action<ClientWebSocketOptions> credentials)
    {
        using var socket = Create(origin, credentials);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Address(site), CancellationToken.None).WaitAsync(Eventually.DefaultTimeout));
        return socket.HttpStatusCode;
    }

    /// <summary>Completes when the server ends the socket (closes it or drops the connection); pings are read past.</summary>
    public static async Task EndedAsync(ClientWebSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var buffer = new byte[4096];
        try
        {
            while ((await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (WebSocketException)
        {
            // The connection was dropped.
        }
    }

    private static ClientWebSocket Create(string origin, Action<ClientWebSocketOptions> credentials)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.CollectHttpResponseDetails = true;
        credentials(socket.Options);
        return socket;
    }
}
