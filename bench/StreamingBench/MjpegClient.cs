using System.Net;
using System.Net.Sockets;
using System.Text;

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
    private long _bytesReceived;
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

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

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
        var response = new HttpResponseParser(new MultipartParser(Log));
        var buffer = GC.AllocateUninitializedArray<byte>(IsSlow ? SlowReadBytes : FastReadBytes, pinned: true);
        var pacer = IsSlow ? new ReadPacer(_settings.SlowRateBytes, SlowReadBytes) : null;
        while (true)
        {
            if (pacer is not null)
            {
                await pacer.WaitAsync(cancellationToken);
            }

            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                Failure = "The server closed the connection.";
                return;
            }

            Interlocked.Add(ref _bytesReceived, read);
            pacer?.Consumed(read);
            response.Feed(buffer.AsSpan(0, read), UnixClock.NowMicros());
            if (response.StatusCode is not 0 and not 200)
            {
                Failure = response.StatusLine;
                return;
            }

            if (response.Ended)
            {
                Failure = "The server ended the response.";
                return;
            }

            _connected = _connected || response.StatusCode == 200;
        }
    }
}
