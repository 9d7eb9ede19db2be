using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streaming.Avi;
using Streaming.Broadcasting;
using Streaming.Http;

namespace Streaming.Motion;

/// <summary>How far a playback has got: the clip time of the frame last sent, its index, and whether it was the last.</summary>
public readonly record struct ClipPosition(TimeSpan At, int Frame, int Frames, bool Ended);

/// <summary>
/// Plays a stored clip back as <c>multipart/x-mixed-replace</c> at its own pace: the JPEGs as they were recorded (read
/// one at a time), each sent at its time in the clip counted from <paramref name="at"/> (the frame showing at that time
/// goes first), through the live feeds' part writer. Each part's capture time is <paramref name="origin"/> plus its clip
/// time. Ends after the last frame, when the client leaves, when the app stops or when <paramref name="stop"/> is
/// cancelled (a player that seeks, pauses or closes); the result owns <paramref name="clip"/> and closes it.
/// </summary>
internal sealed class ClipPlaybackResult(MjpegAviReader clip, TimeSpan at, DateTimeOffset origin, MjpegPartStyle style, CancellationToken stop, Action<ClipPosition>? progress = null)
    : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        await using var reader = clip;
        var time = httpContext.RequestServices.GetRequiredService<TimeProvider>();
        var stopping = httpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var end = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping, stop);
        MultipartMjpeg.PrepareResponse(httpContext);
        var writer = httpContext.Response.BodyWriter;
        var frames = reader.Frames;
        try
        {
            writer.Write(MultipartMjpeg.Opening(style));
            await writer.FlushAsync(end.Token);
            var started = time.GetTimestamp();
            for (var i = FirstFrame(frames, at); i < frames.Count; i++)
            {
                // Due times count from the stream's start, so a late frame does not delay the ones after it.
                var wait = frames[i].At - at - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, end.Token);
                }

                var frame = new JpegFrame(await reader.ReadAsync(frames[i], end.Token), i, origin + frames[i].At, 0, 0);
                if (!await MultipartMjpeg.WritePartAsync(writer, frame, style, end.Token))
                {
                    return;
                }

                progress?.Invoke(new ClipPosition(frames[i].At, i, frames.Count, i == frames.Count - 1));
            }
        }
        catch (OperationCanceledException) when (end.IsCancellationRequested)
        {
            // Stopped, left or shutting down: the response ends after the last whole part.
        }
    }

    /// <summary>The frame showing at <paramref name="at"/>: the last one at or before it (the first when none is).</summary>
    internal static int FirstFrame(IReadOnlyList<ClipFrame> frames, TimeSpan at)
    {
        int low = 0, high = frames.Count - 1, found = 0;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (frames[middle].At <= at)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }
}
