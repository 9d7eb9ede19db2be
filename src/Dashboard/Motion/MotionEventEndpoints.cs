using Dashboard.Access;
using Microsoft.AspNetCore.Mvc;
using Streaming.Cameras;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>
/// Events as JSON (filtered by camera and start time), each event's snapshot and its clip as a download, and
/// deleting one (operators). Under <c>/api</c>: machine-facing, so a missing sign-in answers 401 with a Basic challenge.
/// </summary>
internal static class MotionEventEndpoints
{
    public static RouteGroupBuilder MapMotionEvents(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/events");
        group.MapGet("/", ListAsync);
        group.MapGet("/{cameraId}/{eventId:guid}/snapshot.jpg", SnapshotAsync);
        group.MapGet("/{cameraId}/{eventId:guid}/clip.avi", ClipAsync);
        group.MapDelete("/{cameraId}/{eventId:guid}", DeleteAsync).RequireAuthorization(DashboardPolicies.Operate);
        return group;
    }

    private static async Task<IResult> ListAsync(MotionEventStore events, [FromQuery] string? camera, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, CancellationToken cancellationToken) =>
        Results.Ok(await events.ListAsync(camera, from, to, cancellationToken));

    private static async Task<IResult> SnapshotAsync(MotionEventStore events, ClipStorage storage, string cameraId, Guid eventId, CancellationToken cancellationToken)
    {
        var found = await events.FindAsync(cameraId, eventId, cancellationToken);
        var path = found?.ThumbnailFile is null ? null : storage.ThumbnailPath(found.CameraId, found.Id);
        return path is not null && File.Exists(path) ? Results.File(path, "image/jpeg") : Results.NotFound();
    }

    private static async Task<IResult> ClipAsync(MotionEventStore events, ClipStorage storage, CameraRegistry cameras, string cameraId, Guid eventId, CancellationToken cancellationToken)
    {
        var found = await events.FindAsync(cameraId, eventId, cancellationToken);
        var path = found?.ClipFile is null ? null : storage.ClipPath(found.CameraId, found.Id);
        if (path is null || !File.Exists(path))
        {
            return Results.NotFound();
        }

        var name = cameras.Find(found!.CameraId)?.Id ?? found.CameraId;
        return Results.File(path, "video/x-msvideo", $"{name}-{found.Start.UtcDateTime:yyyyMMdd-HHmmss}.avi", enableRangeProcessing: true);
    }

    private static async Task<IResult> DeleteAsync(MotionEventStore events, MotionService motion, string cameraId, Guid eventId, CancellationToken cancellationToken)
    {
        if (await events.FindAsync(cameraId, eventId, cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }

        // The files go and the sinks are told; the row goes now, so a list right after no longer shows it.
        motion.Delete(found);
        await events.HandleAsync(new MotionNotice(MotionNoticeKind.Deleted, found), cancellationToken);
        return Results.NoContent();
    }
}
