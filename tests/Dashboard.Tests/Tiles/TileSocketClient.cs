using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Dashboard.Tests.Tiles;

/// <summary>A page's side of <c>/ws/tiles</c>, for tests: send requests, read frames (header fields and JPEG) or the close.</summary>
internal sealed class TileSocketClient : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private Task<TileMessage>? _pending;

    public static Uri Address(DashboardApp app) => new(app.Address.ToString().Replace("http", "ws", StringComparison.Ordinal) + "ws/tiles");

    public static async Task<TileSocketClient> ConnectAsync(DashboardApp app, string? origin = null)
    {
        var client = new TileSocketClient();
        client._socket.Options.SetRequestHeader("Origin", origin ?? app.Address.GetLeftPart(UriPartial.Authority));
        // Signed in (HTTP Basic, as tools do), so the tests hold once the socket requires the View policy.
        client._socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DashboardApp.AdminUser}:{DashboardApp.AdminPassword}")));
        client._socket.Options.CollectHttpResponseDetails = true;
        await client._socket.ConnectAsync(Address(app), CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        return client;
    }

    public ClientWebSocket Socket => _socket;

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message; a receive that is still pending carries over to the next call.</summary>
    public async Task<TileMessage> ReceiveAsync(TimeSpan? timeout = null)
    {
        _pending ??= ReceiveOneAsync();
        var message = await _pending.WaitAsync(timeout ?? Eventually.DefaultTimeout);
        _pending = null;
        return message;
    }

    public async Task<TileMessage> ReadFrameAsync()
    {
        var message = await ReceiveAsync();
        Assert.True(message.Frame is not null, $"expected a frame, the socket closed: {message.CloseStatus} {message.CloseReason}");
        return message;
    }

    /// <summary>Reads until the server closes the socket (frames already on their way are skipped).</summary>
    public async Task<TileMessage> ReadCloseAsync()
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (message.Frame is null)
            {
                return message;
            }
        }
    }

    /// <summary>Whether a message has arrived (without waiting).</summary>
    public bool HasMessage => (_pending ??= ReceiveOneAsync()).IsCompleted;

    public void Dispose() => _socket.Dispose();

    private async Task<TileMessage> ReceiveOneAsync()
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            // Answer the close, as a browser does.
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            return new TileMessage(null, result.CloseStatus, result.CloseStatusDescription);
        }

        var data = buffer.AsSpan(0, length);
        var frame = new TileFrame(
            (int)BinaryPrimitives.ReadUInt32LittleEndian(data),
            BinaryPrimitives.ReadUInt32LittleEndian(data[4..]),
            DateTimeOffset.UnixEpoch.AddMilliseconds(BinaryPrimitives.ReadDoubleLittleEndian(data[8..])),
            data[16..].ToArray());
        return new TileMessage(frame, null, null);
    }
}

internal sealed record TileFrame(int Tile, uint Generation, DateTimeOffset CapturedAt, byte[] Jpeg);

internal sealed record TileMessage(TileFrame? Frame, WebSocketCloseStatus? CloseStatus, string? CloseReason);
