using System.Net.Sockets;

namespace Streaming.Sources.Http;

/// <summary>
/// An Http camera's connection (given to <see cref="SocketsHttpHandler"/> by its <c>ConnectCallback</c>) whose
/// synchronous reads and writes are plain system calls on the calling thread: a non-blocking <c>recv</c>, and when
/// nothing has arrived yet a <c>poll</c> that the kernel ends when data does. The runtime's own socket stream
/// completes even a synchronous read of an async-used socket through its event thread and a pool worker (about 9
/// context switches per frame for a camera's capture thread, <c>docs/benchmarks.md</c>); this way the capture
/// thread is woken once per read. Asynchronous reads and writes (the request, the response headers, the pool's
/// check of an idle connection) stay the runtime's. Disposing shuts the socket down first, which ends a
/// <c>poll</c> another thread is blocked in (closing the descriptor alone would not).
/// </summary>
internal sealed class CaptureConnectionStream : NetworkStream
{
    private CaptureConnectionStream(Socket socket)
        : base(socket, ownsSocket: true)
    {
        // After the base constructor: it refuses a non-blocking socket. Only the synchronous calls below see this flag.
        socket.Blocking = false;
    }

    /// <summary>Connects like the handler's default (dual-mode, no Nagle), handing back this stream.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new CaptureConnectionStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            var read = Socket.Receive(buffer, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                return read;
            }

            Wait(error, SelectMode.SelectRead);
        }
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var sent = Socket.Send(buffer, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                buffer = buffer[sent..];
                continue;
            }

            Wait(error, SelectMode.SelectWrite);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                Socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already reset by the peer, or closed: nothing is blocked on it then.
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Blocks until the socket is ready again after <see cref="SocketError.WouldBlock"/>; any other error fails the call as NetworkStream's would.</summary>
    private void Wait(SocketError error, SelectMode mode)
    {
        if (error != SocketError.WouldBlock)
        {
            throw new IOException($"Unable to {(mode == SelectMode.SelectRead ? "read data from" : "write data to")} the transport connection: {error}.", new SocketException((int)error));
        }

        Socket.Poll(Timeout.InfiniteTimeSpan, mode);
    }
}
