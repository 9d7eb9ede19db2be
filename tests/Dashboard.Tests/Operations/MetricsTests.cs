using System.Net;
using Streaming.Cameras;
using Streaming.Http;

namespace Dashboard.Tests.Operations;

/// <summary><c>/metrics</c> as Prometheus scrapes it: who may, and that the cameras' own series move.</summary>
[Collection(RunsAlone.Name)]
public sealed class MetricsTests : IAsyncLifetime
{
    private const string Token = "prometheus-scrape-token-0123456789";

    private readonly OperationsApp _app = new();

    public MetricsTests()
    {
        _app.WithCameras(new CameraDefinition { Id = "porch", Name = "Porch", Width = 320, Height = 240, Fps = 10 })
            .WithSetting("Operations:MetricsBearerToken", Token);
    }

    public Task InitializeAsync() => _app.CreateViewerAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task MetricsNeedADashboardUserOrTheBearerToken()
    {
        using var anonymous = _app.CreateRawClient();
        using var viewer = _app.CreateBasicClient(OperationsApp.Viewer, OperationsApp.ViewerPassword);
        using var scraper = _app.CreateBearerClient(Token);
        using var wrongToken = _app.CreateBearerClient(Token + "x");

        using var refused = await anonymous.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic", Assert.Single(refused.Headers.WwwAuthenticate).Scheme);
        using var guessed = await wrongToken.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);

        foreach (var client in (HttpClient[])[viewer, scraper])
        {
            using var response = await client.GetAsync(new Uri("metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains("camera_state{", text, StringComparison.Ordinal);
            Assert.Contains("process_cpu_time_seconds_total{", text, StringComparison.Ordinal);
            Assert.Contains("http_server_request_duration_seconds_count{", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FramesSentToAFeedClientCountInItsSeries()
    {
        using var scraper = _app.CreateBearerClient(Token);
        string[] series = ["camera=\"porch\"", "kind=\"feed\""];
        var before = await OperationsApp.SampleAsync(scraper, "camera_frames_sent_total", series);

        using var viewer = _app.CreateBasicClient(OperationsApp.Viewer, OperationsApp.ViewerPassword);
        using var response = await viewer.GetAsync(new Uri(FeedRoutes.Feed("porch"), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var reader = await MjpegFeed.ReadAsync(response);
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        const int Parts = 10;
        for (var i = 0; i < Parts; i++)
        {
            Assert.NotNull(await reader.ReadPartAsync(reading.Token));
        }

        var after = before;
        await Eventually.HoldsAsync(
            async () => (after = await OperationsApp.SampleAsync(scraper, "camera_frames_sent_total", series)) >= before + Parts,
            $"camera_frames_sent_total{{camera=\"porch\",kind=\"feed\"}} grows by the {Parts} frames the client got");
        Assert.True(await OperationsApp.SampleAsync(scraper, "camera_sent_bytes_total", series) > 0);
        Assert.Equal(1, await OperationsApp.SampleAsync(scraper, "camera_subscribers", series));
        Assert.Equal(1, await OperationsApp.SampleAsync(scraper, "camera_state", "camera=\"porch\"", "state=\"streaming\""));
    }
}
