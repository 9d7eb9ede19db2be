using System.Net;
using System.Net.Sockets;
using System.Text;
using Tests.Support;

namespace StreamingBench;

/// <summary>How the clients of one scenario reach the server and read.</summary>
internal sealed record ClientSettings(IPEndPoint Server, string? Authorization, int SlowRateBytes, int ExpectedParts, IReadOnlyList<string>? Cameras = null)
{
    /// <summary>The camera client number <paramref name="index"/> watches: the cameras in turn, else the bench's one camera.</summary>
    public string CameraFor(int index) => Cameras is { Count: > 0 } cameras ? cameras[index % cameras.Count] : ServerContentRoot.CameraId;
}

/// <summary>
/// One MJPEG viewer on a raw socket: sends a plain GET and parses the stream as it arrives, without
/// copying frames, so hundreds of them cost the server's machine little CPU.
/// </summary>
internal sealed class MjpegClient
{
    /// <summary>
    /// A slow client's kernel receive buffer. Left alone, Linux autotunes it to megabytes on loopback,
    /// and the age of what a slow reader sees would measure that buffer, not the server. Kept at the
    /// low end because every KB queued here adds 20 ms to the age measured at 50 KB/s.
    /// </summary>
    public const int SlowReceiveBufferBytes = 8 * 1024;

    private const int FastReadBytes = 64 * 1024;
    private const int SlowReadBytes = 4 * 1024;

    private readonly ClientSettings _settings;
    private readonly byte[] _request;
    private volatile ResponseBodyStream? _response;
    private volatile bool _connected;

    public MjpegClient(int index, bool slow, ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        IsSlow = slow;
        Log = new PartLog(settings.ExpectedParts);
        var auth = settings.Authorization is null ? "" : $"Authorization: {settings.Authorization}\r\n";
        _request = Encoding.ASCII.GetBytes(
            $"GET /video_feed/{settings.CameraFor(index)}?client=bench-{index} HTTP/1.1\r\nHost: {settings.Server}\r\n{auth}User-Agent: StreamingBench\r\n\r\n");
    }

    public bool IsSlow { get; }

    public PartLog Log { get; }

    /// <summary>The server answered 200 and the stream started.</summary>
    public bool Connected => _connected;

    /// <summary>Why the client stopped before it was told to, or null.</summary>
    public string? Failure { get; private set; }

    public long BytesReceived => _response?.BytesReceived ?? 0;

    /// <summary>What the kernel makes of <see cref="SlowReceiveBufferBytes"/> (Linux doubles it for bookkeeping).</summary>
    public static int EffectiveSlowReceiveBuffer()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.ReceiveBufferSize = SlowReceiveBufferBytes;
        return socket.ReceiveBufferSize;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReceiveAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Told to stop.
        }
        catch (Exception ex) when (ex is SocketException or InvalidDataException or IOException)
        {
            Failure = ex.Message;
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (IsSlow)
        {
            // Before connecting, so the advertised TCP window is small from the start.
            socket.ReceiveBufferSize = SlowReceiveBufferBytes;
        }

        await socket.ConnectAsync(_settings.Server, cancellationToken);
        await socket.SendAsync(_request, SocketFlags.None, cancellationToken);
        var pacer = IsSlow ? new ReadPacer(_settings.SlowRateBytes, SlowReadBytes) : null;
        var response = new ResponseBodyStream(socket, IsSlow ? SlowReadBytes : FastReadBytes, pacer);
        _response = response;
        await response.ReadHeadAsync(cancellationToken);
        if (response.StatusCode != 200)
        {
            Failure = response.StatusLine;
            return;
        }

        _connected = true;
        using var feed = new MjpegFeed(response);
        while (await feed.ReadSliceAsync(cancellationToken) is { } slice)
        {
            var (body, part) = slice;
            // The reader's window is one array, so the body is one span; only its SOI/EOI markers are looked at.
            if (body.FirstSpan is [0xFF, 0xD8, .., 0xFF, 0xD9] && part.Timestamp is { } captured)
            {
                Log.Add(UnixClock.NowMicros(), UnixClock.Micros(captured));
            }
            else
            {
                Log.Errors++;
            }
        }

        Failure = response.Ended ? "The server ended the response." : "The server closed the connection.";
    }
}
