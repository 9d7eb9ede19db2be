using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tests.Support;

namespace CaptureBench;

/// <summary>
/// A C MJPEG server on the same material, measured like the floor: ffmpeg serving the .avi as
/// <c>multipart/x-mixed-replace</c> (<c>-re -c copy -f mpjpeg -listen 1</c>, the server users point tools at), with
/// the bench as its one viewer; its own CPU per frame received. It says what sending these frames costs a program
/// with no runtime at all on this machine in this run, beside the floor and the dashboard.
/// </summary>
internal static class CServerRun
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public static async Task<CameraCost> MeasureAsync(string clip, CaptureOptions options, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in (string[])["-loglevel", "error", "-nostdin", "-re", "-stream_loop", "-1", "-i", clip, "-c", "copy", "-f", "mpjpeg",
            "-content_type", "multipart/x-mixed-replace;boundary=ffmpeg", "-listen", "1", $"http://127.0.0.1:{port}/cam.mjpg"])
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("Could not start ffmpeg.");
        _ = ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = Timeout.InfiniteTimeSpan };
            await using var feed = await ConnectAsync(http, ffmpeg, cancellationToken);
            using var stopViewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            long parts = 0;
            var viewing = Task.Run(async () =>
            {
                try
                {
                    while (await feed.ReadSliceAsync(stopViewing.Token) is not null)
                    {
                        Interlocked.Increment(ref parts);
                    }
                }
                catch (OperationCanceledException) when (stopViewing.IsCancellationRequested)
                {
                }
            }, cancellationToken);
            await Task.Delay(CaptureRun.Warmup, cancellationToken);
            var cost = await CaptureRun.MeasureWindowsAsync("C server (ffmpeg)", "sends the .avi", new StreamingBench.ProcessMeter(ffmpeg.Id), ffmpeg.Id,
                () => Task.FromResult((Interlocked.Read(ref parts), (long?)null)), options, cancellationToken);
            await stopViewing.CancelAsync();
            await viewing;
            return cost;
        }
        finally
        {
            if (!ffmpeg.HasExited)
            {
                ffmpeg.Kill();
                await ffmpeg.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>ffmpeg listens only once it has opened its input: the first connection that succeeds is its one client.</summary>
    private static async Task<MjpegFeed> ConnectAsync(HttpClient http, Process ffmpeg, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await MjpegFeed.OpenAsync(http, "cam.mjpg", cancellationToken: cancellationToken);
            }
            catch (HttpRequestException) when (deadline.Elapsed < ConnectTimeout && !ffmpeg.HasExited)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
