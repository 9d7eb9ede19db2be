using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Http;

public static class SnapshotEndpoints
{
    /// <summary>
    /// Maps <c>GET /snapshot/{cameraId}.jpg</c>: the newest frame; an idle camera is started and its first
    /// frame awaited for a bounded time. <c>?download=1</c> saves it as a file named after camera and time.
    /// </summary>
    public static RouteHandlerBuilder MapSnapshots(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGetCamera(FeedRoutes.SnapshotPrefix + "/{cameraId}.jpg", TakeAsync).WithName("Snapshot");

    private static async Task<IResult> TakeAsync(HttpContext context, Camera camera)
    {
        var timeout = context.RequestServices.GetRequiredService<IOptions<StreamingOptions>>().Value.SnapshotTimeout;
        var download = context.Request.Query["download"].ToString() is "1" or "true";
        if (camera.State == CameraState.Streaming && camera.LatestFrame is { } latest)
        {
            return Picture(context, camera, latest, download);
        }

        if (camera.Problems.Count == 0)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            wait.CancelAfter(timeout);
            await using var subscription = camera.Subscribe(HttpSubscriber.Describe(context, SubscriberKind.Snapshot));
            try
            {
                await foreach (var frame in subscription.ReadAllAsync(wait.Token))
                {
                    if (!frame.IsPlaceholder)
                    {
                        return Picture(context, camera, frame, download);
                    }

                    if (camera.State == CameraState.Failed)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                // No frame within the timeout: answered below.
            }
        }

        // A share link or a viewer learns the camera and its state; the source (host, port) only those allowed.
        var status = camera.Status;
        var reason = status.LastError is not null && await CameraErrorAccess.AllowsAsync(context)
            ? $"{status.State}: {Redaction.RedactText(status.LastError, camera.Definition)}"
            : status.State.ToString();
        return Results.Text(
            $"Camera '{camera.Id}' has no picture yet ({reason}).",
            "text/plain; charset=utf-8",
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Picture(HttpContext context, Camera camera, JpegFrame frame, bool download)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache, no-store, must-revalidate, max-age=0";
        headers["X-Timestamp"] = frame.UnixTimestamp;
        var name = download
            ? $"{camera.Id}-{frame.CapturedAt.ToLocalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.jpg"
            : null;
        return Results.Bytes(frame.Data, "image/jpeg", name);
    }
}
