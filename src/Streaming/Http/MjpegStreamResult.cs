using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Http;

/// <summary>
/// Streams a camera as multipart/x-mixed-replace until the client leaves (request abort, so it is
/// removed at once) or the app stops (the response then ends cleanly). What is logged while it streams
/// carries the subscriber's and the camera's id (a scope per stream, not per frame).
/// </summary>
public sealed partial class MjpegStreamResult(Camera camera, SubscriberInfo subscriber, double? maxFps = null, MjpegPartStyle style = MjpegPartStyle.Standard) : IResult
{
    private static readonly TimeSpan HandOverTimeout = TimeSpan.FromSeconds(5);
    private static readonly Func<ILogger, string, string, IDisposable?> StreamScope =
        LoggerMessage.DefineScope<string, string>("Feed {SubscriberId} of camera {CameraId}");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<StreamingOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var logger = services.GetRequiredService<ILogger<MjpegStreamResult>>();

        MultipartMjpeg.PrepareResponse(httpContext);
        var socket = FeedSocket.For(httpContext, options.FeedNotSentLowWaterBytes);

        var aborted = httpContext.RequestAborted;
        using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var interval = maxFps is { } fps ? TimeSpan.FromSeconds(1 / fps) : TimeSpan.Zero;
        var writtenBefore = options.FeedSender == FeedSender.Direct && CanWriteDirectly(httpContext) ? socket.BytesWritten() : null;
        var writer = httpContext.Response.BodyWriter;
        using var scope = StreamScope(logger, subscriber.Id, camera.Id);
        await using var subscription = camera.Subscribe(subscriber);
        try
        {
            writer.Write(MultipartMjpeg.Opening(style));
            await writer.FlushAsync(aborted);
            if (writtenBefore is { } before && await KestrelHasSentAsync(socket, before, time, aborted))
            {
                LogStarted(logger, subscriber.User ?? subscriber.Label, subscriber.RemoteAddress, style, FeedSender.Direct);
                await StreamDirectAsync(httpContext, socket, subscription, interval, time, end.Token);
                return;
            }

            LogStarted(logger, subscriber.User ?? subscriber.Label, subscriber.RemoteAddress, style, FeedSender.Kestrel);
            await StreamThroughKestrelAsync(writer, socket, subscription, interval, time, end.Token, aborted);
        }
        catch (OperationCanceledException) when (end.IsCancellationRequested)
        {
            // The client left, or the app is stopping: the response ends after the last whole part.
        }
        finally
        {
            LogEnded(logger, stopping.IsCancellationRequested ? "the app is stopping" : "the client left");
        }
    }

    /// <summary>
    /// Plain HTTP/1.x on Kestrel's socket transport: the bytes written to the socket are the response body
    /// as the client reads it. TLS (its stream sits between), HTTP/2 and HTTP/3 (frames of a shared
    /// connection) and servers without a socket keep Kestrel's path.
    /// </summary>
    private static bool CanWriteDirectly(HttpContext context) =>
        (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
        && context.Features.Get<ITlsConnectionFeature>() is null;

    /// <summary>
    /// Waits until Kestrel's transport, which sends from its own loop after a flush, has handed the
    /// headers and the opening to the kernel; only then may parts go to the socket behind them.
    /// </summary>
    private static async Task<bool> KestrelHasSentAsync(FeedSocket socket, long before, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (socket.BytesWritten() is { } written)
        {
            if (written > before)
            {
                return true;
            }

            if (time.GetElapsedTime(started) > HandOverTimeout)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }

        return false;
    }

    private async Task StreamDirectAsync(HttpContext httpContext, FeedSocket socket, Subscription subscription, TimeSpan interval, TimeProvider time, CancellationToken end)
    {
        var chunked = httpContext.Response.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
        var sender = new DirectFeedSender(socket, subscription, style, chunked, interval, time);
        var aborted = httpContext.RequestAborted;
        try
        {
            using (end.Register(sender.Stop))
            {
                subscription.DeliverTo(sender);
                if (await sender.Ended == DirectFeedEnd.Stopped && !aborted.IsCancellationRequested)
                {
                    await sender.WriteEndAsync(aborted);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client left while the body was being ended.
        }
        finally
        {
            // No frame reaches the sender after this; then Kestrel, which no longer knows what the
            // connection carried, closes it instead of writing to it or reusing it.
            await subscription.DisposeAsync();
            httpContext.Abort();
        }
    }

    private async Task StreamThroughKestrelAsync(PipeWriter writer, FeedSocket socket, Subscription subscription, TimeSpan interval, TimeProvider time, CancellationToken end, CancellationToken aborted)
    {
        var intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
        long nextDue = 0;
        // The pipe copies each part, so a frame is done with once written.
        await foreach (var frame in subscription.ReadEachOnceAsync(end))
        {
            if (!await MultipartMjpeg.WritePartAsync(writer, frame, style, aborted))
            {
                return;
            }

            // A slow client waits here while newer frames replace older ones in its mailbox.
            await socket.WaitUntilSentAsync(time, end);

            if (intervalTicks > 0)
            {
                // The next frame is due one interval after this one was; a stream that fell behind starts over.
                var now = time.GetTimestamp();
                nextDue = nextDue == 0 ? now + intervalTicks : Math.Max(nextDue + intervalTicks, now);
                var wait = time.GetElapsedTime(time.GetTimestamp(), nextDue);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, end);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed started for {Viewer} from {RemoteAddress} ({Style} parts, {Sender} sender)")]
    private static partial void LogStarted(ILogger logger, string? viewer, string? remoteAddress, MjpegPartStyle style, FeedSender sender);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string reason);
}
