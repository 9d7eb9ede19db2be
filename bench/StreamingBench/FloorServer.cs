using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace StreamingBench;

/// <summary>
/// The floor: the least a server can do to deliver these frames. One thread, one shared buffer per frame,
/// one non-blocking gather write per client per frame with the app's framing (chunked HTTP/1.1, standard
/// part headers, the same TCP_NOTSENT_LOWAT and "skip while unsent bytes remain" gate), nothing else: no
/// HTTP parsing beyond the end of the request, no sign-in, no statistics. Run as its own process
/// (<c>StreamingBench floor PORT FOLDER FPS</c>) so its CPU and memory are measured like the app's.
/// </summary>
internal static partial class FloorServer
{
    private const int TcpNotSentLowWater = 25;
    private const nuint UnsentBytesRequest = 0x894B; // SIOCOUTQNSD
    private const int NotSentLowWaterBytes = 16 * 1024;
    private static readonly byte[] ResponseHead = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\nCache-Control: no-cache, no-store, must-revalidate, max-age=0\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n--frame\r\n\r\n");

    private static readonly byte[] PartEnd = "\r\n--frame\r\n"u8.ToArray();
    private static readonly byte[] ChunkEnd = "\r\n"u8.ToArray();

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count != 4 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var port)
            || !double.TryParse(args[3], CultureInfo.InvariantCulture, out var fps) || !Directory.Exists(args[2]))
        {
            await Console.Error.WriteLineAsync("Usage: StreamingBench floor PORT FRAME-FOLDER FPS");
            return 2;
        }

        var frames = Directory.GetFiles(args[2], "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var clients = new List<FloorClient>();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(4096);
        var sender = new Thread(() => SendLoop(frames, fps, clients, cancellationToken)) { IsBackground = true, Name = "floor sender" };
        sender.Start();
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync(cancellationToken);
                _ = AdmitAsync(socket, clients, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>Reads the request up to its blank line, answers the headers, then hands the socket to the sender.</summary>
    private static async Task AdmitAsync(Socket socket, List<FloorClient> clients, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new byte[4096];
            var received = 0;
            while (buffer.AsSpan(0, received).IndexOf("\r\n\r\n"u8) < 0)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, cancellationToken);
                if (read == 0 || (received += read) == buffer.Length)
                {
                    socket.Dispose();
                    return;
                }
            }

            socket.NoDelay = true;
            socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpNotSentLowWater, BitConverter.GetBytes(NotSentLowWaterBytes));
            await socket.SendAsync(ResponseHead, SocketFlags.None, cancellationToken);
            socket.Blocking = false;
            lock (clients)
            {
                clients.Add(new FloorClient(socket));
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
        }
    }

    private static void SendLoop(byte[][] frames, double fps, List<FloorClient> clients, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / fps;
        var started = Stopwatch.GetTimestamp();
        var chunkHeader = new byte[16];
        FloorClient[] current = [];
        for (long tick = 0; !cancellationToken.IsCancellationRequested; tick++)
        {
            var due = started + (long)(tick * interval);
            if (Stopwatch.GetTimestamp() - due > interval)
            {
                // Fell behind (the machine was busy): skip the frames missed, like a camera would, instead of bursting.
                tick = (long)((Stopwatch.GetTimestamp() - started) / interval);
                due = started + (long)(tick * interval);
            }

            while (Stopwatch.GetTimestamp() is var now && now < due)
            {
                Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, (due - now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }

            var frame = frames[tick % frames.Length];
            var timestamp = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalSeconds.ToString("F6", CultureInfo.InvariantCulture);
            var header = Encoding.ASCII.GetBytes($"Content-Type: image/jpeg\r\nContent-Length: {frame.Length}\r\nX-Timestamp: {timestamp}\r\n\r\n");
            var length = header.Length + frame.Length + PartEnd.Length;
            length.TryFormat(chunkHeader, out var digits, "X");
            "\r\n"u8.CopyTo(chunkHeader.AsSpan(digits));
            var chunk = new ArraySegment<byte>(chunkHeader, 0, digits + 2);
            lock (clients)
            {
                if (current.Length != clients.Count || !clients.SequenceEqual(current))
                {
                    current = [.. clients];
                }
            }

            foreach (var client in current)
            {
                if (!client.Serve(chunk, header, frame))
                {
                    lock (clients)
                    {
                        clients.Remove(client);
                    }

                    client.Socket.Dispose();
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(nint descriptor, nuint request, out int value);

    /// <summary>One viewer: what is left of its current part, if it did not fit at once.</summary>
    private sealed class FloorClient(Socket socket)
    {
        private readonly List<ArraySegment<byte>> _segments = new(4);
        private readonly byte[] _chunkHeader = new byte[16];
        private int _sent;
        private int _total;

        public Socket Socket { get; } = socket;

        /// <summary>Finishes the previous part, or sends this one if the socket has drained; false when the client is gone.</summary>
        public bool Serve(ArraySegment<byte> chunk, byte[] header, byte[] frame)
        {
            if (_sent < _total)
            {
                return Continue();
            }

            if (Ioctl(Socket.Handle, UnsentBytesRequest, out var unsent) == 0 && unsent > 0)
            {
                return true; // skipped, like the app's slow-client gate
            }

            // The chunk header is shared by every client of this frame; keep a copy in case the part must be finished later.
            chunk.AsSpan().CopyTo(_chunkHeader);
            _segments.Clear();
            _segments.Add(new ArraySegment<byte>(_chunkHeader, 0, chunk.Count));
            _segments.Add(header);
            _segments.Add(frame);
            _segments.Add(PartEnd);
            _segments.Add(ChunkEnd);
            _total = chunk.Count + header.Length + frame.Length + PartEnd.Length + ChunkEnd.Length;
            _sent = 0;
            return Continue();
        }

        private bool Continue()
        {
            var rest = _sent == 0 ? _segments : Remaining();
            var sent = Socket.Send(rest, SocketFlags.None, out var error);
            if (error is not (SocketError.Success or SocketError.WouldBlock))
            {
                return false;
            }

            _sent += Math.Max(sent, 0);
            return true;
        }

        private List<ArraySegment<byte>> Remaining()
        {
            var skip = _sent;
            var rest = new List<ArraySegment<byte>>(_segments.Count);
            foreach (var segment in _segments)
            {
                if (skip >= segment.Count)
                {
                    skip -= segment.Count;
                    continue;
                }

                rest.Add(segment[skip..]);
                skip = 0;
            }

            return rest;
        }
    }
}
