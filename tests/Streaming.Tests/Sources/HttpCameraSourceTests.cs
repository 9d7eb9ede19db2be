using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Streaming.Cameras;
using Streaming.Sources;
using Streaming.Sources.Http;
using Streaming.Tests.Support;

namespace Streaming.Tests.Sources;

public sealed class HttpCameraSourceTests
{
    private static readonly byte[][] Frames = [TestImages.Jpeg(64, 48, 10), TestImages.Jpeg(64, 48, 120), TestImages.Jpeg(64, 48, 250)];
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    internal static CameraDefinition Camera(string url, string? userName = null, string? password = null, double fps = 15) =>
        new() { Id = "remote", Kind = CameraKind.Http, Url = url, UserName = userName, Password = password, Fps = fps };

    private static async Task<List<byte[]>> ReadAsync(IFrameSource source, int count)
    {
        await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(Eventually.DefaultTimeout);
        var frames = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
            frames.Add(frame.Jpeg!);
        }

        return frames;
    }

    private static async Task<string> FailureAsync(IFrameSource source)
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
        Assert.Equal(Frames[1], second.Jpeg);
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
            Assert.Equal(Frames[1], first.Jpeg);
        }

        Assert.True(((HttpCameraSource)source).IsSnapshot);
        var next = source.ReadFrameAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(499));

        // Not a wait for something to happen: a bounded look for something that must not (a fetch takes ~1 ms here).
        await Assert.ThrowsAsync<TimeoutException>(() => next.WaitAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, remote.Requests);

        time.Advance(TimeSpan.FromMilliseconds(1));
        using var second = await next.Within();

        Assert.Equal(Frames[2], second.Jpeg);
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
    public async Task BasicCredentialsAreSentWhenTheServerAsksAndThenUpFront()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/snap.jpg", (HttpContext context) =>
            context.Request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("viewer:pä55:word"))
                ? Results.File(Frames[0], "image/jpeg")
                : Results.Text("no", statusCode: 401).WithBasicChallenge()));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/snap.jpg"), "viewer", "pä55:word", fps: 100));

        Assert.Equal(3, (await ReadAsync(source, 3)).Count);

        Assert.Equal(["", "Basic", "Basic", "Basic"], remote.Authorizations.Select(a => a.Split(' ')[0]));
    }

    [Fact]
    public async Task CredentialsInTheUrlAreUsedAndNotSentInTheRequestLine()
    {
        string? target = null;
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/snap.jpg", (HttpContext context) =>
        {
            target = $"{context.Request.Host}{context.Request.Path}";
            return context.Request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("viewer:p@ss"))
                ? Results.File(Frames[0], "image/jpeg")
                : Results.Text("no", statusCode: 401).WithBasicChallenge();
        }));
        var url = new UriBuilder(remote.Url("/snap.jpg")) { UserName = "viewer", Password = "p%40ss" }.Uri.ToString();
        await using var source = RemoteCamera.Source(Camera(url));

        Assert.Single(await ReadAsync(source, 1));

        Assert.Equal($"127.0.0.1:{remote.Address.Port}/snap.jpg", target);
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    [InlineData("MD5-sess")]
    public async Task DigestIsAnsweredWithACountThatGoesUpAndAStaleNonceIsRenewed(string algorithm)
    {
        var gate = new DigestGate("admin", "s3cret!", algorithm) { StaleAfter = 3 };
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/ISAPI/Streaming/channels/1/picture", async context =>
        {
            if (await gate.AdmitAsync(context))
            {
                await Results.File(Frames[0], "image/jpeg").ExecuteAsync(context);
            }
        }));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/ISAPI/Streaming/channels/1/picture?snapShotImageType=JPEG"), "admin", "s3cret!", fps: 100));

        Assert.Equal(6, (await ReadAsync(source, 6)).Count);

        // One challenge to start, one when the nonce went stale after three uses; never refused.
        Assert.Equal((2, 1), (gate.Challenges, gate.StaleChallenges));
    }

    [Fact]
    public async Task DigestProtectedStreamIsRead()
    {
        var gate = new DigestGate("admin", "s3cret!", "SHA-256");
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", async context =>
        {
            if (await gate.AdmitAsync(context))
            {
                await RemoteCamera.WriteStreamAsync(context, Frames, new PartFraming(), Interval);
            }
        }));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/stream"), "admin", "s3cret!"));

        Assert.Equal(Frames, await ReadAsync(source, 3));
    }

    [Fact]
    public async Task TheDigestTestServerAcceptsDotNetsOwnDigestClient()
    {
        // Checks the test server against an independent client; SocketsHttpHandler's Digest works on Linux, but
        // takes its credentials per handler, which one shared IHttpClientFactory client cannot have per camera.
        var gate = new DigestGate("admin", "s3cret!", "SHA-256");
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/snap.jpg", async context =>
        {
            if (await gate.AdmitAsync(context))
            {
                await Results.File(Frames[0], "image/jpeg").ExecuteAsync(context);
            }
        }));
        using var client = new HttpClient(new SocketsHttpHandler { Credentials = new System.Net.NetworkCredential("admin", "s3cret!") });

        Assert.Equal(Frames[0], await client.GetByteArrayAsync(remote.Url("/snap.jpg")));
    }

    [Fact]
    public async Task RefusedCredentialsAreSaidSoWithoutThePassword()
    {
        var gate = new DigestGate("admin", "right-password");
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", async context => await gate.AdmitAsync(context)));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/stream?token=abc123"), "admin", "wrong-password"));

        var message = await FailureAsync(source);

        Assert.Equal($"{remote.Url("/stream")}?... refused the user name and password (401 Unauthorized).", message);
        Assert.DoesNotContain("abc123", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerAskingForCredentialsTheCameraHasNotGotSaysWhatToSet()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", () => Results.Text("no", statusCode: 401).WithBasicChallenge()));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/stream")));

        Assert.Equal($"{remote.Url("/stream")} asks for a user name and password (Basic); set UserName and Password.", await FailureAsync(source));
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

        Assert.Equal(Frames[0], first.Jpeg);
        Assert.Equal($"{remote.Url("/stream")} closed the stream in the middle of a frame.", failure.Message);
    }

    [Fact]
    public async Task AMissingPageIsReportedWithItsStatus()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/", () => "root"));
        await using var source = RemoteCamera.Source(Camera(remote.Url("/nothing-here")));

        Assert.Equal($"{remote.Url("/nothing-here")} answered 404 Not Found.", await FailureAsync(source));
    }

    [Fact]
    public async Task CredentialsAreNotSentToAnotherHostARedirectPointsTo()
    {
        await using var other = await RemoteCamera.StartAsync(app => app.MapGet("/snap.jpg", () => Results.File(Frames[0], "image/jpeg")), host: "127.0.0.2");
        await using var remote = await RemoteCamera.StartAsync(app =>
        {
            app.MapGet("/moved.jpg", () => Results.Redirect("/snap.jpg"));
            app.MapGet("/snap.jpg", (HttpContext context) => context.Request.Headers.Authorization.Count == 0
                ? Results.Text("no", statusCode: 401).WithBasicChallenge()
                : Results.Redirect(other.Url("/snap.jpg")));
        });
        await using var source = RemoteCamera.Source(Camera(remote.Url("/moved.jpg"), "viewer", "secret"));

        Assert.Single(await ReadAsync(source, 1));

        Assert.Equal([""], other.Authorizations);
        Assert.Equal(["", "", "Basic"], remote.Authorizations.Select(a => a.Split(' ')[0]));
    }
}

internal static class ChallengeResults
{
    public static IResult WithBasicChallenge(this IResult result) => new Challenged(result);

    private sealed class Challenged(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"camera\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
