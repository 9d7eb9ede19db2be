using System.Net.WebSockets;
using System.Threading.Channels;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Dashboard.Tiles;

/// <summary>
/// One page's tile socket: reads the page's requests, keeps one preview subscription per visible tile and
/// sends each tile's newest frame only after the page acknowledged the previous one, so a slow browser
/// skips frames instead of queueing them. Frames of all tiles share the socket; one send at a time.
/// </summary>
internal sealed partial class TileSocketSession(
    WebSocket socket,
    CameraRegistry cameras,
    SubscriberInfo viewer,
    TileOptions options,
    ILogger<TileSocketSession> logger) : IAsyncDisposable
{
    private readonly ILogger _logger = logger;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Dictionary<int, TileFeed> _tiles = [];
    private static readonly TimeSpan SendGrace = TimeSpan.FromSeconds(5);

    /// <summary>Ends every tile's loop. Sends are never cancelled (that would abort the socket); see <see cref="DisposeAsync"/>.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Serves the socket until the page closes it, breaks the protocol, or the request is aborted.</summary>
    public async Task RunAsync(CancellationToken aborted)
    {
        var buffer = new byte[options.MaxMessageBytes];
        try
        {
            var (status, reason) = await ReceiveAsync(buffer, aborted);
            await CloseAsync(status, reason);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The page went away (or the app is stopping): nothing left to tell it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        var stopped = Task.WhenAll(_tiles.Values.Select(t => t.DisposeAsync().AsTask()));
        if (await Task.WhenAny(stopped, Task.Delay(SendGrace)) != stopped)
        {
            // A send is stuck on a page that stopped reading without closing: abort the socket to end it.
            socket.Abort();
        }

        await stopped;
        _tiles.Clear();
        _stopping.Dispose();
        _sending.Dispose();
    }

    private async Task<(WebSocketCloseStatus Status, string Reason)> ReceiveAsync(byte[] buffer, CancellationToken cancellation)
    {
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                if (length == buffer.Length)
                {
                    return (WebSocketCloseStatus.MessageTooBig, $"messages are limited to {buffer.Length} bytes");
                }

                received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellation);
                length += received.Count;
            }
            while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

            switch (received.MessageType)
            {
                case WebSocketMessageType.Close:
                    return (WebSocketCloseStatus.NormalClosure, "");
                case WebSocketMessageType.Binary:
                    return (WebSocketCloseStatus.InvalidMessageType, "requests are JSON text messages");
            }

            if (!TileRequest.TryParse(buffer.AsSpan(0, length), options.MaxTilesPerSocket, out var request, out var error))
            {
                LogRejected(_logger, error);
                return (WebSocketCloseStatus.PolicyViolation, error);
            }

            await HandleAsync(request);
        }
    }

    private async Task HandleAsync(TileRequest request)
    {
        switch (request.Operation)
        {
            case TileOperation.Ack:
                if (_tiles.TryGetValue(request.Tile, out var acked))
                {
                    acked.Acknowledge();
                }

                break;

            case TileOperation.Hide:
                await StopAsync(request.Tile);
                break;

            case TileOperation.Show:
                await StopAsync(request.Tile);
                if (cameras.Find(request.Camera) is not { } camera)
                {
                    // A camera removed a moment ago, or a made-up id: that tile simply gets no frames.
                    LogUnknownCamera(_logger, request.Tile, request.Camera);
                    break;
                }

                var info = new SubscriberInfo
                {
                    Kind = SubscriberKind.Dashboard,
                    User = viewer.User,
                    Label = viewer.Label,
                    RemoteAddress = viewer.RemoteAddress,
                    UserAgent = viewer.UserAgent,
                };
                var subscription = camera.Subscribe(info, request.Full ? FrameVariant.Full : FrameVariant.Preview, request.Width);
                _tiles[request.Tile] = new TileFeed(this, request.Tile, request.Generation, subscription);
                break;
        }
    }

    private async Task StopAsync(int tile)
    {
        if (_tiles.Remove(tile, out var feed))
        {
            await feed.DisposeAsync();
        }
    }

    private async Task SendFrameAsync(int tile, uint generation, JpegFrame frame, CancellationToken cancellation)
    {
        var header = new byte[TileFrameHeader.Length];
        TileFrameHeader.Write(header, tile, generation, frame);
        await _sending.WaitAsync(cancellation);
        try
        {
            // One message in two frames (no copy of the JPEG); not cancellable once started, see the field _stopping.
            await socket.SendAsync(header, WebSocketMessageType.Binary, endOfMessage: false, CancellationToken.None);
            await socket.SendAsync(frame.Data, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        // Stop the tiles first so no frame is being sent while the close frame goes out.
        await _stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(SendGrace);
        await _sending.WaitAsync(timeout.Token);
        try
        {
            // The full handshake (send ours, wait for the page's), so the page reads the reason before the connection ends.
            await socket.CloseAsync(status, reason, timeout.Token);
        }
        finally
        {
            _sending.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tile socket closed: {Error}")]
    private static partial void LogRejected(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tile {Tile} asked for camera {CameraId}, which does not exist")]
    private static partial void LogUnknownCamera(ILogger logger, int tile, string? cameraId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tile {Tile} stopped: {Message}")]
    private static partial void LogTileStopped(ILogger logger, int tile, string message);

    /// <summary>One visible tile: a subscription and the loop that sends its frames, one per acknowledgement.</summary>
    private sealed class TileFeed : IAsyncDisposable
    {
        private readonly TileSocketSession _session;
        private readonly Subscription _subscription;
        private readonly CancellationTokenSource _stop;
        private readonly Channel<bool> _credit = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly Task _sending;

        public TileFeed(TileSocketSession session, int tile, uint generation, Subscription subscription)
        {
            _session = session;
            _subscription = subscription;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(session._stopping.Token);
            _credit.Writer.TryWrite(true);
            _sending = SendAsync(tile, generation, _stop.Token);
        }

        /// <summary>The page showed the last frame; a second ack for the same frame is ignored.</summary>
        public void Acknowledge() => _credit.Writer.TryWrite(true);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _sending;
            await _subscription.DisposeAsync();
            _stop.Dispose();
        }

        private async Task SendAsync(int tile, uint generation, CancellationToken cancellation)
        {
            await Task.Yield();
            try
            {
                // Wait for the page first, then take the newest frame: frames that came meanwhile were skipped.
                while (await _credit.Reader.ReadAsync(cancellation) && await _subscription.ReadHeldAsync(cancellation) is { } frame)
                {
                    try
                    {
                        await _session.SendFrameAsync(tile, generation, frame, cancellation);
                    }
                    finally
                    {
                        // Sent (the socket copied it) or given up: a full-size frame's pooled array serves a later one.
                        frame.Release();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                LogTileStopped(_session._logger, tile, ex.Message);
            }
        }
    }
}
