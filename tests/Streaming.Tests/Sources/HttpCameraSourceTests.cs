using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Streaming.Cameras;
using Streaming.Sources;
using Streaming.Sources.Http;

namespace Streaming.Tests.Sources;

public sealed class HttpCameraSourceTests
{
    internal static readonly byte[][] Frames = [TestImages.Jpeg(64, 48, 10), TestImages.Jpeg(64, 48, 120), TestImages.Jpeg(64, 48, 250)];
    internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    internal static CameraDefinition Camera(string url, string? userName = null, string? password = null, double fps = 15) =>
        new() { Id = "remote", Kind = CameraKind.Http, Url = url, UserName = userName, Password = password, Fps = fps };

    internal static async Task<List<byte[]>> ReadAsync(IFrameSource source, int count)
    {
        await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(Eventually.DefaultTimeout);
        var frames = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
            frames.Add(frame.Jpeg.ToArray());
        }

        return frames;
    }

    internal static async Task<string> FailureAsync(IFrameSource source)
    {
        var failure = await Assert.ThrowsAsync<FrameSourceException>(async () =>
        {
            await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(Eventually.DefaultTimeout);
            for (var i = 0; i < 10; i++)
            {
                using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
            }
        });
        return failure.Message;
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task StreamPartsArePassedThroughByteForByte(bool contentLength, bool crlf)
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", context =>
            RemoteCamera.WriteStreamAsync(context, Frames, new PartFraming("b0undary", contentLength, crlf), Interval)));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/stream")));

        var frames = await ReadAsync(source, 6);

        Assert.Equal([.. Frames, .. Frames], frames);
        Assert.False(((HttpCameraSource)source).IsSnapshot);
    }

    [Fact]
    public async Task AnUntypedStreamAsFfmpegSendsWithoutContentTypeIsRecognisedByItsFirstLine()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/cam.mjpg", context =>
            RemoteCamera.WriteStreamAsync(context, Frames, new PartFraming("ffmpeg", CrlfBeforeBoundary: false, DeclaredType: "application/octet-stream"), Interval)));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/cam.mjpg")));

        Assert.Equal(Frames, await ReadAsync(source, 3));
    }

    [Fact]
    public async Task BareJpegsOneAfterAnotherAreCutApartByTheirMarkers()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/video.mjpeg", async context =>
        {
            context.Response.ContentType = "application/octet-stream";
            foreach (var frame in Frames)
            {
                await context.Response.Body.WriteAsync(frame, context.RequestAborted);
            }

            await context.Response.Body.WriteAsync(Frames[0], context.RequestAborted);
        }));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/video.mjpeg")));

        Assert.Equal(Frames, await ReadAsync(source, 3));
    }

    [Fact]
    public async Task TheCaptureTimeOfEachPartIsKeptAndCardsAndRepeatsAreSkipped()
    {
        var stamps = new[] { "1700000000.100000", "1700000000.100000", "1700000000.200000", "1700000000.300000" };
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/video_feed/cam", context =>
            RemoteCamera.WriteStreamAsync(context, [Frames[0], Frames[0], TestImages.Jpeg(32, 24), Frames[1]], new PartFraming("frame"), Interval,
                i => $"X-Timestamp: {stamps[i % 4]}\r\n{(i % 4 == 2 ? "X-Placeholder: 1\r\n" : "")}")));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/video_feed/cam")));
        await source.OpenAsync(CancellationToken.None);

        using var first = await source.ReadFrameAsync(CancellationToken.None).Within();
        using var second = await source.ReadFrameAsync(CancellationToken.None).Within();

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_100), first.CapturedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_300), second.CapturedAt);
        Assert.Equal(Frames[1], second.Jpeg.ToArray());
    }

    [Fact]
    public async Task ASnapshotUrlIsFetchedOncePerFrameInterval()
    {
        var served = 0;
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/snapshot.jpg", () =>
            Results.File(Frames[Interlocked.Increment(ref served) % Frames.Length], "image/jpeg")));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var source = RemoteCamera.Source(Camera(remote.Url("/snapshot.jpg"), fps: 2), time);
        await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(Eventually.DefaultTimeout);
        using (var first = await source.ReadFrameAsync(CancellationToken.None).Within())
        {
            Assert.Equal(Frames[1], first.Jpeg.ToArray());
        }

        Assert.True(((HttpCameraSource)source).IsSnapshot);
        var next = source.ReadFrameAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(499));

        // Not a wait for something to happen: a bounded look for something that must not (a fetch takes ~1 ms here).
        await Assert.ThrowsAsync<TimeoutException>(() => next.WaitAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, remote.Requests);

        time.Advance(TimeSpan.FromMilliseconds(1));
        using var second = await next.Within();

        Assert.Equal(Frames[2], second.Jpeg.ToArray());
        Assert.Equal(2, remote.Requests);
    }

    [Fact]
    public async Task ASnapshotKeepsTheTimestampHeaderOfTheDashboardThatServedIt()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/snapshot/cam.jpg", (HttpContext context) =>
        {
            context.Response.Headers["X-Timestamp"] = "1700000000.500000";
            return Results.File(Frames[0], "image/jpeg");
        }));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/snapshot/cam.jpg")));
        await source.OpenAsync(CancellationToken.None);

        using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), frame.CapturedAt);
    }

    [Fact]
    public async Task AnHtmlPageIsReportedWithWhatItSays()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/", () =>
            Results.Content("<!DOCTYPE html>\n<html><head><title>Router login</title></head><body>...</body></html>", "text/html")));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/")));

        var message = await FailureAsync(source);

        Assert.StartsWith($"{remote.Url("/")} answered text/html instead of an MJPEG stream or a JPEG: \"<!DOCTYPE html> <html><head><title>Router login", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GarbageIsReportedAsNotAnMjpegStream()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", async context =>
        {
            context.Response.ContentType = "multipart/x-mixed-replace; boundary=frame";
            var noise = new byte[8192];
            new Random(1).NextBytes(noise);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(noise, context.RequestAborted);
            }
        }));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/stream")));

        var message = await FailureAsync(source);

        Assert.StartsWith($"{remote.Url("/stream")} does not send an MJPEG stream: No '--frame' boundary in 64 KB; it starts with bytes ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUntypedBodyThatIsNeitherMultipartNorJpegIsReported()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", () => Results.Bytes(Encoding.ASCII.GetBytes("{\"error\":\"busy\"}"), "application/octet-stream")));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/stream")));

        Assert.Equal($"{remote.Url("/stream")} does not send an MJPEG stream: it starts with \"{{\"error\":\"busy\"}}\".", await FailureAsync(source));
    }

    [Fact]
    public async Task AStreamClosedInTheMiddleOfAFrameIsAFailure()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", async context =>
        {
            context.Response.ContentType = new PartFraming().ContentType;
            await RemoteCamera.WritePartAsync(context.Response.Body, Frames[0], new PartFraming(), "", first: true, context.RequestAborted);
            await RemoteCamera.WritePartAsync(context.Response.Body, Frames[1].AsSpan(0, 300).ToArray(), new PartFraming() with { ContentLength = false }, "", first: false, context.RequestAborted);
        }));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/stream")));
        await source.OpenAsync(CancellationToken.None);
        using var first = await source.ReadFrameAsync(CancellationToken.None).Within();

        var failure = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadFrameAsync(CancellationToken.None).Within());

        Assert.Equal(Frames[0], first.Jpeg.ToArray());
        Assert.Equal($"{remote.Url("/stream")} closed the stream in the middle of a frame.", failure.Message);
    }

    [Fact]
    public async Task AMissingPageIsReportedWithItsStatus()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/", () => "root"));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/nothing-here")));

        Assert.Equal($"{remote.Url("/nothing-here")} answered 404 Not Found.", await FailureAsync(source));
    }
}
