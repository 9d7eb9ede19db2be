using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Streaming.Http;

namespace Dashboard.Tests.RaspberryPi;

/// <summary>The app without OpenCV's native library degrades: passthrough cameras stream, the others say why, nobody hangs.</summary>
[Collection(LongLanesFirst.WithoutOpenCv)]
public sealed class WithoutOpenCvTests(AppWithoutOpenCv app) : IClassFixture<AppWithoutOpenCv>, IDisposable
{
    private readonly HttpClient _client = Client(app.Address);

    public void Dispose() => _client.Dispose();

    /// <summary>The image sequence, and the same pictures in an MJPEG .avi, which the app reads itself.</summary>
    [Theory]
    [InlineData("seq")]
    [InlineData("avi")]
    public async Task APassthroughCameraStreamsItsPicturesUntouched(string id)
    {
        var samples = Directory.GetFiles(AppWithoutOpenCv.Samples, "*.jpg")
            .Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).ToHashSet();
        using var feed = await OpenFeedAsync(id);
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var pictures = new HashSet<string>();
        while (pictures.Count < samples.Count)
        {
            var part = await feed.Reader.ReadPartAsync(reading.Token);
            Assert.True(part is { IsWholeJpeg: true }, "whole JPEG parts");
            if (!part.IsPlaceholder)
            {
                pictures.Add(Convert.ToHexString(SHA256.HashData(part.Body)));
            }
        }

        Assert.Subset(samples, pictures);
        var camera = await CameraAsync(id);
        Assert.Equal("Streaming", camera.GetProperty("state").GetString());
    }

    [Fact]
    public async Task AnOpenCvCameraIsFailedWithOneSentenceSendsCardsAtOnceAndLogsOneStackTrace()
    {
        using var feed = await OpenFeedAsync("pattern");

        // Cards at once, not an empty connection.
        using (var first = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            var card = await feed.Reader.ReadPartAsync(first.Token);
            Assert.True(card is { IsWholeJpeg: true, IsPlaceholder: true }, "the first part is a whole placeholder card");
        }

        await Eventually.HoldsAsync(async () => (await CameraAsync("pattern")).GetProperty("state").GetString() == "Failed", "the camera is Failed");
        var error = (await CameraAsync("pattern")).GetProperty("lastError").GetString()!;
        Assert.StartsWith("Camera 'pattern': OpenCV is not available: this build has no native library libOpenCvSharpExtern.so for linux-x64 (", error, StringComparison.Ordinal);
        Assert.EndsWith("or use an ImageSequence, Command or V4L2 device camera, which need no OpenCV.", error, StringComparison.Ordinal);

        // 20 s of cards (one a second): a camera that kept retrying (every 0.2-1 s here) would log an attempt each time.
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        for (var cards = 1; cards < 20;)
        {
            var part = await feed.Reader.ReadPartAsync(watching.Token);
            Assert.True(part is { IsWholeJpeg: true, IsPlaceholder: true }, "only whole cards");
            cards++;
        }

        var log = app.Process.Output;
        Assert.True(Count(log, "NativeMethods..cctor") <= 1, $"more than one stack trace of the missing library:{Environment.NewLine}{log}");
        Assert.Equal(1, Count(log, "Cameras that need OpenCV are Failed until it is installed and the app restarted."));
        Assert.Equal(0, Count(log, "(camera pattern, attempt"));
        Assert.Equal(0, (await CameraAsync("pattern")).GetProperty("capture").GetProperty("reconnects").GetInt32());
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    private async Task<JsonElement> CameraAsync(string id) =>
        await _client.GetFromJsonAsync<JsonElement>(new Uri($"api/cameras/{id}", UriKind.Relative));

    private async Task<Feed> OpenFeedAsync(string id)
    {
        var response = await _client.GetAsync(new Uri($"{FeedRoutes.Feed(id)}?parts=standard", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /video_feed/{id}: {(int)response.StatusCode}");
        return new Feed(response, await MjpegFeed.ReadAsync(response));
    }

    internal static HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DashboardApp.AdminUser}:{DashboardApp.AdminPassword}")));
        return client;
    }

    private sealed record Feed(HttpResponseMessage Response, MjpegFeed Reader) : IDisposable
    {
        public void Dispose() => Response.Dispose();
    }
}
