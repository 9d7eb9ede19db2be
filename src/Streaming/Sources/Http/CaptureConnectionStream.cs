using System.Net.Sockets;

namespace Streaming.Sources.Http;

/// <summary>
/// An Http camera's connection (given to <see cref="SocketsHttpHandler"/> by its <c>ConnectCallback</c>) that never
/// uses the runtime's socket engine: reads and writes are plain blocking system calls, one <c>recv</c> per read that
/// sleeps in the kernel until data arrives (no <c>poll</c> before it, no try that fails first). The engine, once a
/// socket has been used asynchronously, watches it with epoll for good: every arrival of data woke its event
/// thread and a pool worker, even with nobody waiting but a blocking read (about 9 context switches per frame,
/// <c>docs/benchmarks.md</c>). Here a capture thread's blocking read wakes that thread alone, once per read. An
/// asynchronous read takes what has arrived at once; one that must wait (the response headers, the pool's watch
/// over an idle connection) blocks on a thread of its own, and the connect runs on one too. Disposing shuts the
/// socket down first, which ends a read another thread is blocked in (closing the descriptor alone would not).
/// </summary>
internal sealed class CaptureConnectionStream : NetworkStream
{
    private CaptureConnectionStream(Socket socket)
        : base(socket, ownsSocket: true)
    {
    }

    /// <summary>Connects like the handler's default (dual-mode, no Nagle), handing back this stream; cancelling closes the socket.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (cancellationToken.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket))
            {
                // A blocking connect (name lookup included) keeps the socket out of the engine.
                await OnThreadOfItsOwn(() => socket.Connect(context.DnsEndPoint));
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new CaptureConnectionStream(socket);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new OperationCanceledException("The connect was cancelled.", ex, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        // What has arrived is read at once; only a read that has to wait moves to a thread.
        try
        {
            return Socket.Available > 0 ? ValueTask.FromResult(Read(buffer.Span)) : new ValueTask<int>(OnThreadOfItsOwn(() => Read(buffer.Span)));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            return ValueTask.FromException<int>(ex is SocketException socketError ? Failure(socketError.SocketErrorCode, read: true) : ex);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A request is a few hundred bytes: it fits the send buffer, and a full one blocks for a moment.
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return ValueTask.FromException(ex);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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

        var read = Socket.Receive(buffer, SocketFlags.None, out var error);
        return error == SocketError.Success ? read : throw Failure(error, read: true);
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
            buffer = error == SocketError.Success ? buffer[sent..] : throw Failure(error, read: false);
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

    private static Task<T> OnThreadOfItsOwn<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Task OnThreadOfItsOwn(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static IOException Failure(SocketError error, bool read) =>
        new($"Unable to {(read ? "read data from" : "write data to")} the transport connection: {error}.", new SocketException((int)error));
}
