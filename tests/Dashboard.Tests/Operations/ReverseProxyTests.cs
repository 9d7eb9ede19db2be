using System.Diagnostics;
using System.Net;
using Streaming.Broadcasting;
using Streaming.Http;
using Xunit.Abstractions;

namespace Dashboard.Tests.Operations;

/// <summary>
/// The app behind Debian's nginx with the repository's snippet (docs/deploy/nginx/camera-dashboard.conf), under /cams/.
/// A slow client behind it, which needs the host setting the snippet asks for, is <see cref="SlowClientBehindProxyTests"/>.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class ReverseProxyTests(ITestOutputHelper output, AppBehindNginx proxied) : IClassFixture<AppBehindNginx>
{
    // The porch camera of the shared app: 320x240 at 10 fps.
    private const double CameraFps = 10;
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    private readonly DashboardApp _app = proxied.App;

    private NginxProxy Nginx => proxied.Nginx;

    [Fact]
    public async Task FeedThroughTheProxyStartsWithinASecondAndKeepsTheCameraRateInWholeParts()
    {
        using var client = SourceAddressClient.Create(Nginx.Address, ClientAddress, DashboardApp.AdminUser, DashboardApp.AdminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(FeedRoutes.Feed("porch"), UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        var sent = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MultipartMjpeg.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.DoesNotContain("gzip", response.Content.Headers.ContentEncoding);
        var reader = await MjpegFeed.ReadAsync(response);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var first = await reader.ReadPartAsync(timeout.Token) ?? throw new InvalidOperationException("The feed ended before its first part.");
        var firstAfter = Stopwatch.GetElapsedTime(sent, first.ArrivedAt);
        var capturedBefore = Captured();
        var parts = new List<MjpegPart>();
        while (true)
        {
            var part = await reader.ReadPartAsync(timeout.Token) ?? throw new InvalidOperationException("The feed ended.");
            if (Stopwatch.GetElapsedTime(first.ArrivedAt, part.ArrivedAt) > Window)
            {
                break;
            }

            parts.Add(part);
        }

        var captured = Captured() - capturedBefore;
        var ages = parts.Select(p => p.Age.TotalMilliseconds).Order().ToList();
        output.WriteLine($"first part after {firstAfter.TotalMilliseconds:0} ms; {parts.Count} parts in the next {Window.TotalSeconds:0} s ({parts.Count / Window.TotalSeconds:0.0} fps), the camera captured {captured} ({CameraFps} fps set); frame age median {ages[ages.Count / 2]:0} ms, max {ages[^1]:0} ms");
        Assert.True(firstAfter < TimeSpan.FromSeconds(1), $"The first part took {firstAfter.TotalMilliseconds:0} ms through the proxy.");
        Assert.True(first.IsWholeJpeg);
        Assert.All(parts, part => Assert.True(part.IsWholeJpeg && !part.IsPlaceholder, "every part is a whole camera frame"));

        // Steady through the proxy: the frames the camera captured meanwhile came through (one may still be on
        // its way at each end of the window), and the camera ran at a rate worth the name.
        Assert.True(captured >= CameraFps * Window.TotalSeconds / 2, $"The camera captured only {captured} frames in {Window.TotalSeconds:0} s.");
        Assert.True(parts.Count >= (0.9 * captured) - 2, $"{parts.Count} parts in {Window.TotalSeconds:0} s through the proxy; the camera captured {captured}.");
    }

    private long Captured() => _app.Cameras.Find("porch")!.ReadStatistics().FramesCaptured;

    [Fact]
    public async Task StatisticsShowTheClientsAddressNotTheProxysNorOneTheClientMadeUp()
    {
        using var client = SourceAddressClient.Create(Nginx.Address, ClientAddress, DashboardApp.AdminUser, DashboardApp.AdminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{FeedRoutes.Feed("porch")}?client=proxied", UriKind.Relative));

        // A client may send its own X-Forwarded-For; nginx appends the address it saw and the app takes only that.
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reader = await MjpegFeed.ReadAsync(response);
            Assert.NotNull(await reader.ReadPartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

            var viewer = Assert.Single(_app.Cameras.Find("porch")!.ReadStatistics().Subscribers, s => s.Label == "proxied");
            Assert.Equal(SubscriberKind.Feed, viewer.Kind);
            Assert.Equal(ClientAddress.ToString(), viewer.RemoteAddress);
            Assert.Equal(DashboardApp.AdminUser, viewer.User);
        }

        // nginx logs a request when it ends: it, too, saw the client at 127.0.0.2 (its own connection to the app is from 127.0.0.1).
        await Eventually.HoldsAsync(
            () => Nginx.AccessLog.Contains($"{ClientAddress} \"GET /cams/video_feed/porch?client=proxied", StringComparison.Ordinal),
            $"nginx logs the feed from {ClientAddress}");
    }

    [Fact]
    public async Task PagesRedirectAndSetCookiesUnderThePrefix()
    {
        using var client = SourceAddressClient.Create(Nginx.Address, ClientAddress, DashboardApp.AdminUser, DashboardApp.AdminPassword);
        client.DefaultRequestHeaders.Authorization = null;

        using var home = await client.GetAsync(new Uri("", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(new Uri(Nginx.Address, "account/login?ReturnUrl=%2Fcams%2F"), home.Headers.Location);

        using var login = await client.GetAsync(new Uri("account/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var html = await login.Content.ReadAsStringAsync();
        Assert.Contains("<base href=\"/cams/\" />", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/cams/account/login\"", html, StringComparison.Ordinal);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("path=/cams", StringComparison.OrdinalIgnoreCase));
    }
}
