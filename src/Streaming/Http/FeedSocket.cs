using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Streaming.Http;

/// <summary>
/// Keeps a slow client's backlog out of the kernel. Frames for a client are skipped in the server's
/// one-slot mailbox, where only the newest waits; that only works if data does not pile up further
/// down, in the socket. So the socket may hold little unsent data (TCP_NOTSENT_LOWAT), and the next
/// frame is written only once the previous one has left (SIOCOUTQNSD reads zero). Fast clients keep
/// the kernel's normal, auto-tuned buffers and never wait here.
/// </summary>
internal sealed partial class FeedSocket
{
    private const int TcpNotSentLowWater = 25; // TCP_NOTSENT_LOWAT
    private const nuint UnsentBytesRequest = 0x894B; // SIOCOUTQNSD
    private const int TcpInfo = 11; // TCP_INFO
    private const int TcpInfoLength = 232; // struct tcp_info up to tcpi_bytes_retrans (Linux 4.19)
    private const int NotSentBytesOffset = 144; // tcpi_notsent_bytes
    private const int BytesSentOffset = 200; // tcpi_bytes_sent (retransmissions included)
    private const int BytesRetransmittedOffset = 208; // tcpi_bytes_retrans
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly Socket? _socket;

    private FeedSocket(Socket? socket) => _socket = socket;

    /// <summary>The TCP socket, or null when the server does not expose one (then only Kestrel may write).</summary>
    public Socket? Socket => _socket;

    /// <summary>The request's TCP socket when the server exposes it (Kestrel's socket transport on Linux), else a no-op.</summary>
    public static FeedSocket For(HttpContext context, int notSentLowWaterBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        var socket = OperatingSystem.IsLinux() ? context.Features.Get<IConnectionSocketFeature>()?.Socket : null;
        if (socket is { ProtocolType: ProtocolType.Tcp })
        {
            try
            {
                socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpNotSentLowWater, BitConverter.GetBytes(notSentLowWaterBytes));
                return new FeedSocket(socket);
            }
            catch (SocketException)
            {
                // An old kernel without the option: fall back to Kestrel's own back-pressure.
            }
        }

        return new FeedSocket(null);
    }

    /// <summary>Bytes written to the socket that the kernel has not sent yet (0 when unknown).</summary>
    public int UnsentBytes()
    {
        if (_socket is null)
        {
            return 0;
        }

        try
        {
            return Ioctl(_socket.Handle, UnsentBytesRequest, out var unsent) == 0 ? unsent : 0;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Bytes the application has written to the socket so far (sent once, or still waiting in the kernel),
    /// from one consistent <c>TCP_INFO</c> reading; null when unknown. Tells when Kestrel's transport, which
    /// writes from its own loop, has handed the response headers to the kernel.
    /// </summary>
    public long? BytesWritten()
    {
        if (_socket is null)
        {
            return null;
        }

        Span<byte> info = stackalloc byte[TcpInfoLength];
        try
        {
            if (_socket.GetRawSocketOption((int)SocketOptionLevel.Tcp, TcpInfo, info) < TcpInfoLength)
            {
                return null;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }

        var sent = MemoryMarshal.Read<long>(info[BytesSentOffset..]) - MemoryMarshal.Read<long>(info[BytesRetransmittedOffset..]);
        return sent + MemoryMarshal.Read<uint>(info[NotSentBytesOffset..]);
    }

    /// <summary>Waits until everything written so far has left the socket, checking more slowly the longer it takes.</summary>
    public async ValueTask WaitUntilSentAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(1);
        while (UnsentBytes() > 0)
        {
            await Task.Delay(interval, time, cancellationToken);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxPollInterval.Ticks));
        }
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(nint descriptor, nuint request, out int value);
}
