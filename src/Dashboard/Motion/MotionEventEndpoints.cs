using System.Globalization;
using Dashboard.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Streaming.Avi;
using Streaming.Cameras;
using Streaming.Http;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>
/// Events as JSON (filtered by camera and start time), each event's snapshot, its clip as a download and played back
/// as MJPEG, and deleting one (operators). Under <c>/api</c>: machine-facing, so a missing sign-in answers 401 with a
/// Basic challenge.
/// </summary>
internal static class MotionEventEndpoints
{
    private const string Text = "text/plain; charset=utf-8";

    public static RouteGroupBuilder MapMotionEvents(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/events");
        group.MapGet("/", ListAsync);
        group.MapGet("/{cameraId}/{eventId:guid}/snapshot.jpg", SnapshotAsync);
        group.MapGet("/{cameraId}/{eventId:guid}/clip.avi", ClipAsync);
        group.MapGet("/{cameraId}/{eventId:guid}/play.mjpg", PlayAsync);
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

    /// <summary>
    /// The clip as MJPEG at its own pace from <c>?at=</c> seconds (0 by default), framed as the live feeds are
    /// (<c>?parts=</c>); <c>?player=</c> ties the stream to a player of the Events page, which stops it when it seeks,
    /// pauses or closes.
    /// </summary>
    private static async Task<IResult> PlayAsync(HttpContext context, MotionEventStore events, ClipStorage storage, ClipPlayers players, IOptions<MotionOptions> options, string cameraId, Guid eventId)
    {
        var query = context.Request.Query;
        if (!FeedRequest.TryParse(query, out var feed, out var error))
        {
            return Results.Text(error, Text, statusCode: StatusCodes.Status400BadRequest);
        }

        var at = 0.0;
        if (query.TryGetValue("at", out var atValues)
            && (atValues.Count != 1 || !double.TryParse(atValues[0], NumberStyles.Float, CultureInfo.InvariantCulture, out at) || !(at >= 0) || double.IsInfinity(at)))
        {
            return Results.Text("Query parameter 'at' must be one number of seconds, 0 or more.", Text, statusCode: StatusCodes.Status400BadRequest);
        }

        Guid? player = null;
        if (query.TryGetValue("player", out var playerValues))
        {
            if (playerValues.Count != 1 || !Guid.TryParse(playerValues[0], out var id))
            {
                return Results.Text("Query parameter 'player' must be one player id.", Text, statusCode: StatusCodes.Status400BadRequest);
            }

            player = id;
        }

        var found = await events.FindAsync(cameraId, eventId, context.RequestAborted);
        if (found is null)
        {
            return Results.Text("There is no such event.", Text, statusCode: StatusCodes.Status404NotFound);
        }

        if (EventClips.StateOf(found, storage) is not ClipState.Ready and var state)
        {
            return Results.Text($"{EventClips.Describe(state)}.", Text, statusCode: StatusCodes.Status404NotFound);
        }

        var clip = await OpenAsync(storage.ClipPath(found.CameraId, found.Id), context.RequestAborted);
        if (clip is null)
        {
            return Results.Text("The clip file cannot be read.", Text, statusCode: StatusCodes.Status404NotFound);
        }

        var invalid = TimeSpan.FromSeconds(at) > clip.Duration
            ? string.Create(CultureInfo.InvariantCulture, $"Query parameter 'at' is past the clip's end ({clip.Duration.TotalSeconds:0.###} s).")
            : null;
        var stream = invalid is null && player is { } playerId ? players.Begin(playerId) : null;
        if (invalid is not null || (player is not null && stream is null))
        {
            await clip.DisposeAsync();
            return invalid is not null
                ? Results.Text(invalid, Text, statusCode: StatusCodes.Status400BadRequest)
                : Results.Text("This player was closed: open the clip again.", Text, statusCode: StatusCodes.Status404NotFound);
        }

        // The AVI keeps times from its first frame, which the recorder took from the pre-buffer's start.
        var playback = new ClipPlaybackResult(clip, TimeSpan.FromSeconds(at), found.Start - options.Value.PreBuffer, feed.StyleFor(context.Request), stream?.Stop ?? default, stream is null ? null : stream.Report);
        return stream is null ? playback : new PlayerPlayback(playback, stream);
    }

    private static async Task<MjpegAviReader?> OpenAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await MjpegAviReader.OpenAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null; // deleted since the check, or not a clip this dashboard wrote
        }
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, MotionEventActions actions, string cameraId, Guid eventId, CancellationToken cancellationToken)
    {
        var result = await actions.DeleteAsync(context.User, cameraId, eventId, cancellationToken);
        return result.Status switch
        {
            ChangeStatus.Done => Results.NoContent(),
            ChangeStatus.NotFound => Results.NotFound(),
            _ => Results.StatusCode(StatusCodes.Status403Forbidden),
        };
    }

    /// <summary>A player's stream: ends the player's hold on it however the playback ends.</summary>
    private sealed class PlayerPlayback(IResult playback, PlayerStream stream) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using (stream)
            {
                await playback.ExecuteAsync(httpContext);
            }
        }
    }
}
