using Microsoft.Extensions.Options;
using Streaming.Cameras;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>
/// Posts event starts and ends to every configured webhook, each on a queue of its own (a webhook that is down
/// delays only itself), retrying with doubling waits, and keeps the latest attempts.
/// </summary>
internal sealed partial class WebhookSender : IMotionEventSink, IAsyncDisposable
{
    public const string ClientName = "motion-webhooks";

    private readonly MotionNotices _targets;

    public WebhookSender(IOptions<MotionAlertOptions> options, IHttpClientFactory clients, CameraRegistry cameras, WebhookDeliveries deliveries, TimeProvider time, ILogger<WebhookSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _targets = new MotionNotices(
            settings.Webhooks.Select(t => new Target(t, settings, clients, cameras, deliveries, time, logger)),
            logger);
    }

    public Task HandleAsync(MotionNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Kind != MotionNoticeKind.Deleted)
        {
            _targets.Publish(notice);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _targets.DisposeAsync();

    private sealed partial class Target(WebhookTarget target, MotionAlertOptions settings, IHttpClientFactory clients, CameraRegistry cameras, WebhookDeliveries deliveries, TimeProvider time, ILogger logger)
        : IMotionEventSink
    {
        private readonly string _maskedUrl = Redaction.RedactUrl(target.Url!.AbsoluteUri) ?? "";

        public async Task HandleAsync(MotionNotice notice, CancellationToken cancellationToken)
        {
            var name = cameras.Find(notice.Event.CameraId)?.Definition.Name ?? notice.Event.CameraId;
            var payload = WebhookPayload.For(notice, name, settings.PublicUrl, time.GetUtcNow());
            var body = payload.ToUtf8();
            var signature = WebhookPayload.Sign(body, target.Secret);
            var delivery = Guid.NewGuid().ToString("N");
            var wait = settings.WebhookFirstRetry;
            for (var attempt = 1; attempt <= settings.WebhookAttempts; attempt++)
            {
                var (status, error) = await PostAsync(body, signature, payload.Type, delivery, cancellationToken);
                deliveries.Record(new WebhookDelivery(target.Name, _maskedUrl, payload.Type, notice.Event.Id, notice.Event.CameraId, attempt, status, error, time.GetUtcNow()));
                if (status is >= 200 and < 300)
                {
                    return;
                }

                if (attempt < settings.WebhookAttempts)
                {
                    await Task.Delay(wait, time, cancellationToken);
                    wait *= 2;
                }
            }

            LogGaveUp(logger, target.Name, _maskedUrl, payload.Type, settings.WebhookAttempts);
        }

        private async Task<(int? Status, string? Error)> PostAsync(byte[] body, string signature, string type, string delivery, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.WebhookTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookPayload.SignatureHeader, signature);
            request.Headers.Add(WebhookPayload.EventHeader, type);
            request.Headers.Add(WebhookPayload.DeliveryHeader, delivery);
            try
            {
                using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                return ((int)response.StatusCode, null);
            }
            catch (HttpRequestException e)
            {
                return (null, Redaction.RedactUrl(e.Message));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, $"no answer within {settings.WebhookTimeout.TotalSeconds:0} s");
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} ({Url}) did not accept {Type} after {Attempts} attempts")]
        private static partial void LogGaveUp(ILogger logger, string webhook, string url, string type, int attempts);
    }
}
