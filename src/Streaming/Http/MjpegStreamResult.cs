using System.Buffers;
using System.IO.Pipelines;
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

        var response = httpContext.Response;
        response.ContentType = MultipartMjpeg.ContentType;
        response.Headers.CacheControl = "no-cache, no-store, must-revalidate, max-age=0";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "0";
        response.Headers.ContentEncoding = "identity";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        var socket = FeedSocket.For(httpContext, options.FeedNotSentLowWaterBytes);

        var aborted = httpContext.RequestAborted;
        using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var interval = maxFps is { } fps ? TimeSpan.FromSeconds(1 / fps) : TimeSpan.Zero;
        var writer = response.BodyWriter;
        using var scope = StreamScope(logger, subscriber.Id, camera.Id);
        await using var subscription = camera.Subscribe(subscriber);
        LogStarted(logger, subscriber.User ?? subscriber.Label, subscriber.RemoteAddress, style);
        try
        {
            writer.Write(MultipartMjpeg.Opening(style));
            await writer.FlushAsync(aborted);
            var intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
            long nextDue = 0;
            await foreach (var frame in subscription.ReadAllAsync(end.Token))
            {
                if (!await WritePartAsync(writer, frame, style, aborted))
                {
                    return;
                }

                // A slow client waits here while newer frames replace older ones in its mailbox.
                await socket.WaitUntilSentAsync(time, end.Token);

                if (intervalTicks > 0)
                {
                    // The next frame is due one interval after this one was; a stream that fell behind starts over.
                    var now = time.GetTimestamp();
                    nextDue = nextDue == 0 ? now + intervalTicks : Math.Max(nextDue + intervalTicks, now);
                    var wait = time.GetElapsedTime(time.GetTimestamp(), nextDue);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, end.Token);
                    }
                }
            }
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

    /// <summary>Writes one part in a single flush; false when the client is gone.</summary>
    private static async ValueTask<bool> WritePartAsync(PipeWriter writer, JpegFrame frame, MjpegPartStyle style, CancellationToken cancellation)
    {
        if (style == MjpegPartStyle.Standard)
        {
            writer.Write(frame.PartHeader);
        }

        writer.Write(frame.Data);
        writer.Write(MultipartMjpeg.PartEnd(style));
        var flushed = await writer.FlushAsync(cancellation);
        return !(flushed.IsCompleted || flushed.IsCanceled);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed started for {Viewer} from {RemoteAddress} ({Style} parts)")]
    private static partial void LogStarted(ILogger logger, string? viewer, string? remoteAddress, MjpegPartStyle style);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string reason);
}
