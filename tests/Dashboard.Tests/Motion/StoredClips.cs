using Dashboard.Motion;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Streaming.Avi;
using Streaming.Imaging;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

/// <summary>A clip written the way the recorder writes it (numbered JPEGs at known times), with its thumbnail and stored event.</summary>
internal sealed record StoredClip(MotionEvent Event, IReadOnlyList<byte[]> Jpegs, IReadOnlyList<TimeSpan> Times)
{
    public TimeSpan Duration => Times[^1];

    /// <summary>Writes <paramref name="frames"/> frames <paramref name="interval"/> apart into the app's clip folder and stores the ended event.</summary>
    public static async Task<StoredClip> AddAsync(IServiceProvider services, string cameraId, DateTimeOffset start, int frames, TimeSpan interval)
    {
        var storage = services.GetRequiredService<ClipStorage>();
        var id = Guid.CreateVersion7(start);
        var jpegs = Enumerable.Range(0, frames).Select(Frame).ToList();
        var times = Enumerable.Range(0, frames).Select(i => interval * i).ToList();
        Directory.CreateDirectory(storage.CameraFolder(cameraId));
        var path = storage.ClipPath(cameraId, id);
        long bytes;
        await using (var writer = await MjpegAviWriter.CreateAsync(path, 320, 180, start, CancellationToken.None))
        {
            for (var i = 0; i < frames; i++)
            {
                Assert.True(await writer.WriteAsync(jpegs[i], start + times[i], CancellationToken.None));
            }

            await writer.FinishAsync(CancellationToken.None);
            bytes = writer.Length;
        }

        await File.WriteAllBytesAsync(storage.ThumbnailPath(cameraId, id), jpegs[frames / 2]);
        var motionEvent = new MotionEvent
        {
            Id = id,
            CameraId = cameraId,
            Start = start,
            End = start + times[^1],
            PeakScore = 23.4,
            ClipFile = Path.GetFileName(path),
            ThumbnailFile = Path.GetFileName(storage.ThumbnailPath(cameraId, id)),
            ClipBytes = bytes,
            ClipFrames = frames,
        };
        await services.GetRequiredService<MotionEventStore>().HandleAsync(new MotionNotice(MotionNoticeKind.Ended, motionEvent), CancellationToken.None);
        return new StoredClip(motionEvent, jpegs, times);
    }

    /// <summary>A distinct picture per frame: the colour shifts and the number is drawn on it.</summary>
    public static byte[] Frame(int i)
    {
        using var image = new Mat(180, 320, MatType.CV_8UC3, new Scalar((i * 37) % 256, 100 + (i * 11 % 100), 200 - (i * 5 % 150)));
        Cv2.PutText(image, $"{i}", new Point(120, 110), HersheyFonts.HersheySimplex, 2, Scalar.White, 3);
        return JpegEncoder.Encode(image, 80);
    }
}
