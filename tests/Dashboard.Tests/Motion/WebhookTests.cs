using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Motion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "a-webhook-secret-of-some-length";
    private readonly ConcurrentQueue<(string Body, Dictionary<string, string> Headers)> _received = new();
    private WebApplication _receiver = null!;
    private int _failuresLeft;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            // Copied: Kestrel reuses a request's header collection for the next request on the connection.
            _received.Enqueue((body, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(503) : Results.Ok();
        });
        await _receiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private Dictionary<string, string?> Settings => new()
    {
        ["Motion:PublicUrl"] = "https://cams.example/",
        ["Motion:Webhooks:0:Name"] = "home",
        ["Motion:Webhooks:0:Url"] = $"{_receiver.Urls.First()}/hook",
        ["Motion:Webhooks:0:Secret"] = Secret,
        ["Motion:WebhookFirstRetry"] = "00:00:00.050",
    };

    [Fact]
    public async Task TheReceiverGetsTheEventAsJsonSignedWithTheWebhooksSecret()
    {
        await using var host = await MotionAlertsHost.StartAsync(Settings);
        var start = DateTimeOffset.UtcNow.AddSeconds(-3);
        var notice = MotionAlertsHost.Notice(MotionNoticeKind.Ended, start, start.AddSeconds(2));

        await host.Services.GetRequiredService<WebhookSender>().HandleAsync(notice, CancellationToken.None);
        await Eventually.HoldsAsync(() => !_received.IsEmpty, "the webhook was called");

        var (body, headers) = Assert.Single(_received);
        Assert.True(WebhookPayload.Verify(System.Text.Encoding.UTF8.GetBytes(body), Secret, headers[WebhookPayload.SignatureHeader]), "the signature matches the body");
        Assert.False(WebhookPayload.Verify(System.Text.Encoding.UTF8.GetBytes(body), "another-secret-of-some-length", headers[WebhookPayload.SignatureHeader]));
        Assert.Equal("motion.end", headers[WebhookPayload.EventHeader]);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("motion.end", root.GetProperty("type").GetString());
        Assert.Equal("porch", root.GetProperty("camera").GetString());
        Assert.Equal("Front porch", root.GetProperty("cameraName").GetString());
        Assert.Equal(notice.Event.Id, root.GetProperty("eventId").GetGuid());
        Assert.Equal(start, root.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(start.AddSeconds(2), root.GetProperty("end").GetDateTimeOffset());
        Assert.Equal(12.5, root.GetProperty("peakScore").GetDouble());
        Assert.Equal($"https://cams.example/api/events/porch/{notice.Event.Id:N}/snapshot.jpg", root.GetProperty("snapshotUrl").GetString());
        Assert.Equal($"https://cams.example/api/events/porch/{notice.Event.Id:N}/clip.avi", root.GetProperty("clipUrl").GetString());
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedDeliveryIsRetriedWithTheSameSignatureAndTheAttemptsAreKept()
    {
        _failuresLeft = 2;
        await using var host = await MotionAlertsHost.StartAsync(Settings);
        var notice = MotionAlertsHost.Notice(MotionNoticeKind.Started, DateTimeOffset.UtcNow);

        await host.Services.GetRequiredService<WebhookSender>().HandleAsync(notice, CancellationToken.None);
        var deliveries = host.Services.GetRequiredService<WebhookDeliveries>();
        await Eventually.HoldsAsync(() => deliveries.Latest.Any(d => d.Succeeded), "a retry got through");

        Assert.Equal(3, _received.Count);
        Assert.Single(_received.Select(r => r.Headers[WebhookPayload.DeliveryHeader]).Distinct());
        Assert.Equal([3, 2, 1], deliveries.Latest.Select(d => d.Attempt));
        Assert.Equal([200, 503, 503], deliveries.Latest.Select(d => d.StatusCode ?? 0));
        Assert.All(deliveries.Latest, d => Assert.Equal("motion.start", d.Type));
        Assert.All(deliveries.Latest, d => Assert.DoesNotContain(Secret, d.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWebhookWithAShortSecretStopsTheStartNamingTheSetting()
    {
        var settings = Settings;
        settings["Motion:Webhooks:0:Secret"] = "short";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => MotionAlertsHost.StartAsync(settings));

        Assert.Contains("Motion:Webhooks:0:Secret", error.Message, StringComparison.Ordinal);
    }
}
