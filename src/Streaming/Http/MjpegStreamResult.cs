using System.Buffers;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Http;

/// <summary>
/// Streams a camera as multipart/x-mixed-replace until the client leaves (request abort, so it is
/// removed at once) or the app stops (the response then ends cleanly).
/// </summary>
public sealed class MjpegStreamResult(Camera camera, SubscriberInfo subscriber, double? maxFps = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<StreamingOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        var response = httpContext.Response;
        response.ContentType = MultipartMjpeg.ContentType;
        response.Headers.CacheControl = "no-cache, no-store, must-revalidate, max-age=0";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "0";
        response.Headers.ContentEncoding = "identity";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        LimitSendBuffer(httpContext, options.FeedSendBufferBytes);

        var aborted = httpContext.RequestAborted;
        using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var interval = maxFps is { } fps ? TimeSpan.FromSeconds(1 / fps) : TimeSpan.Zero;
        var writer = response.BodyWriter;
        await using var subscription = camera.Subscribe(subscriber);
        try
        {
            writer.Write(MultipartMjpeg.Opening);
            await writer.FlushAsync(aborted);
            var nextDue = time.GetTimestamp();
            await foreach (var frame in subscription.ReadAllAsync(end.Token))
            {
                writer.Write(frame.PartHeader);
                writer.Write(frame.Data);
                writer.Write(MultipartMjpeg.PartEnd);

                // Completes once the frame has left for the socket: the next one written is then the newest.
                var flushed = await writer.FlushAsync(aborted);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }

                if (interval > TimeSpan.Zero)
                {
                    nextDue += (long)(interval.TotalSeconds * time.TimestampFrequency);
                    var wait = time.GetElapsedTime(time.GetTimestamp(), nextDue);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, end.Token);
                    }
                    else
                    {
                        nextDue = time.GetTimestamp();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return; // The client left: nothing more to say to it.
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        // The app is stopping or the camera was removed: close the multipart body properly.
        writer.Write(MultipartMjpeg.Closing);
        await writer.FlushAsync(aborted);
    }

    /// <summary>
    /// A small kernel send buffer keeps a slow client's backlog in the server, where the one-slot
    /// mailbox replaces old frames with new ones, instead of seconds of stale video in the socket.
    /// </summary>
    private static void LimitSendBuffer(HttpContext httpContext, int bytes)
    {
        if (httpContext.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.SendBufferSize = bytes;
        }
    }
}
