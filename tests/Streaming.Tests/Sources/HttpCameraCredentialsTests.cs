using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Streaming.Tests.Sources.HttpCameraSourceTests;

namespace Streaming.Tests.Sources;

/// <summary>An HTTP camera's credentials: Basic and Digest as cameras ask for them, refusals said without the password, never sent to another host.</summary>
public sealed class HttpCameraCredentialsTests
{
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
