using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tests.Support;

namespace StreamingBench;

/// <summary>What <see cref="CycleRunner"/> measured.</summary>
internal sealed record CycleResult(int Cycles, int Failures, long RssStartBytes, long RssEndBytes, TimeSpan Elapsed)
{
    public double RssChangePercent => (RssEndBytes / (double)RssStartBytes - 1) * 100;
}

/// <summary>
/// Connects and disconnects feed clients many times over: every client waits for its first whole part;
/// every other one then leaves normally, the rest reset the connection (RST) in the middle of the next frame.
/// A leak per connection, or per aborted send, shows as RSS that keeps growing.
/// </summary>
internal static class CycleRunner
{
    private const int Concurrency = 8;
    private static readonly TimeSpan CycleTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RssSettle = TimeSpan.FromSeconds(3);

    public static async Task<CycleResult> RunAsync(ChildApp server, ProcessMeter meter, string? authorization, int cycles, CancellationToken cancellationToken)
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, server.Address!.Port);
        var auth = authorization is null ? "" : $"Authorization: {authorization}\r\n";
        var request = Encoding.ASCII.GetBytes($"GET /video_feed/{ServerContentRoot.CameraId}?client=cycle HTTP/1.1\r\nHost: {endpoint}\r\n{auth}\r\n");
        var rssStart = meter.ReadRssBytes();
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        var failures = 0;
        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int cycle;
            while ((cycle = Interlocked.Increment(ref next)) < cycles)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(CycleTimeout);
                try
                {
                    await OneCycleAsync(endpoint, request, reset: cycle % 2 == 1, timeout.Token);
                }
                catch (Exception e) when (e is SocketException or IOException or InvalidDataException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    Interlocked.Increment(ref failures);
                }

                if (cycle % 1000 == 999)
                {
                    Console.WriteLine($"  {cycle + 1} cycles, {Volatile.Read(ref failures)} failed, server RSS {meter.ReadRssBytes() / 1048576.0:0.0} MB");
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await Task.Delay(RssSettle, cancellationToken);
        return new CycleResult(cycles, failures, rssStart, meter.ReadRssBytes(), elapsed);
    }

    private static async Task OneCycleAsync(IPEndPoint endpoint, byte[] request, bool reset, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint, cancellationToken);
        await socket.SendAsync(request, SocketFlags.None, cancellationToken);
        var buffer = new byte[64 * 1024];
        var seen = new List<byte>();
        var boundaries = 0;
        long afterFirstPart = -1;
        long received = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException("The server closed the connection.");
            }

            received += read;
            if (afterFirstPart < 0)
            {
                // Only the start is inspected: the status line, then two boundaries (the opening and the first part's end).
                seen.AddRange(buffer.AsSpan(0, read));
                if (seen.Count >= 12 && !"HTTP/1.1 200"u8.SequenceEqual(seen.ToArray().AsSpan(0, 12)))
                {
                    throw new InvalidDataException(Encoding.ASCII.GetString(seen.ToArray(), 0, Math.Min(seen.Count, 40)));
                }

                boundaries = CountBoundaries(seen);
                if (boundaries >= 2)
                {
                    afterFirstPart = received;
                    if (!reset)
                    {
                        return;
                    }
                }
            }
            else if (received - afterFirstPart > 16 * 1024)
            {
                // In the middle of the next part: leave with a reset instead of a FIN.
                socket.LingerState = new LingerOption(true, 0);
                return;
            }
        }
    }

    private static int CountBoundaries(List<byte> data)
    {
        var span = data.ToArray().AsSpan();
        var count = 0;
        for (var at = span.IndexOf("--frame\r\n"u8); at >= 0; at = span.IndexOf("--frame\r\n"u8))
        {
            count++;
            span = span[(at + 9)..];
        }

        return count;
    }
}
