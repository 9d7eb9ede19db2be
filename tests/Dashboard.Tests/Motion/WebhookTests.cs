using System.Text.Json;
using Dashboard.Motion;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "a-webhook-secret-of-some-length";
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private Dictionary<string, string?> Settings => new()
    {
        ["Motion:PublicUrl"] = "https://cams.example/",
        ["Motion:Webhooks:0:Name"] = "home",
        ["Motion:Webhooks:0:Url"] = $"{_receiver.Url}/hook",
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
        await Eventually.HoldsAsync(() => !_receiver.Received.IsEmpty, "the webhook was called");

        var (_, body, headers) = Assert.Single(_receiver.Received);
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
        _receiver.FailNext(2);
        await using var host = await MotionAlertsHost.StartAsync(Settings);
        var notice = MotionAlertsHost.Notice(MotionNoticeKind.Started, DateTimeOffset.UtcNow);

        await host.Services.GetRequiredService<WebhookSender>().HandleAsync(notice, CancellationToken.None);
        var deliveries = host.Services.GetRequiredService<WebhookDeliveries>();
        await Eventually.HoldsAsync(() => deliveries.Latest.Any(d => d.Succeeded), "a retry got through");

        Assert.Equal(3, _receiver.Received.Count);
        Assert.Single(_receiver.Received.Select(r => r.Headers[WebhookPayload.DeliveryHeader]).Distinct());
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
