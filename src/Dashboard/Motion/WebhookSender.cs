using Microsoft.Extensions.Options;
using Streaming.Cameras;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>
/// Posts event starts and ends to every webhook of the current <see cref="NotificationSettings"/>, each on a queue of
/// its own (a webhook that is down delays only itself), retrying with doubling waits, and keeps the latest attempts.
/// When the webhooks change, new events go to the new ones; deliveries already queued finish as they were.
/// </summary>
internal sealed partial class WebhookSender : IMotionEventSink, IAsyncDisposable
{
    public const string ClientName = "motion-webhooks";

    /// <summary>The type of the payload "Send test" posts.</summary>
    public const string TestType = "test";

    private readonly MotionAlertOptions _options;
    private readonly NotificationSettings _settings;
    private readonly IHttpClientFactory _clients;
    private readonly CameraRegistry _cameras;
    private readonly WebhookDeliveries _deliveries;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookSender> _logger;
    private readonly List<Task> _retired = [];
    private MotionNotices _targets;

    public WebhookSender(IOptions<MotionAlertOptions> options, NotificationSettings settings, IHttpClientFactory clients, CameraRegistry cameras, WebhookDeliveries deliveries, TimeProvider time, ILogger<WebhookSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        (_options, _settings, _clients, _cameras, _deliveries, _time, _logger) = (options.Value, settings, clients, cameras, deliveries, time, logger);
        _targets = Build(settings.Current);
        settings.Changed += OnSettingsChanged;
    }

    public Task HandleAsync(MotionNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Kind != MotionNoticeKind.Deleted)
        {
            Volatile.Read(ref _targets).Publish(notice);
        }

        return Task.CompletedTask;
    }

    /// <summary>Posts one signed test payload to the webhook (no retries) and keeps the attempt with the others.</summary>
    public Task<WebhookDelivery> SendTestAsync(WebhookTarget webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var now = _time.GetUtcNow();
        var payload = new WebhookPayload(TestType, Guid.NewGuid(), TestType, "Test from the dashboard", now, now, 0, null, null, now);
        return TargetFor(webhook, _settings.Current).AttemptAsync(payload, Guid.NewGuid().ToString("N"), attempt: 1, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _settings.Changed -= OnSettingsChanged;
        await _targets.DisposeAsync();
        Task[] retired;
        lock (_retired)
        {
            retired = [.. _retired];
        }

        await Task.WhenAll(retired);
    }

    private void OnSettingsChanged(object? sender, EventArgs e)
    {
        var old = Interlocked.Exchange(ref _targets, Build(_settings.Current));
        lock (_retired)
        {
            _retired.RemoveAll(t => t.IsCompleted);
            _retired.Add(old.DisposeAsync().AsTask());
        }
    }

    private MotionNotices Build(NotificationTargets targets) => new(targets.Webhooks.Select(t => TargetFor(t, targets)), _logger);

    private Target TargetFor(WebhookTarget webhook, NotificationTargets targets) => new(webhook, targets.PublicUrl, this);

    private sealed partial class Target(WebhookTarget target, Uri? publicUrl, WebhookSender sender) : IMotionEventSink
    {
        private readonly string _maskedUrl = Redaction.RedactUrl(target.Url!.AbsoluteUri) ?? "";

        private MotionAlertOptions Options => sender._options;

        public async Task HandleAsync(MotionNotice notice, CancellationToken cancellationToken)
        {
            var name = sender._cameras.Find(notice.Event.CameraId)?.Definition.Name ?? notice.Event.CameraId;
            var payload = WebhookPayload.For(notice, name, publicUrl, sender._time.GetUtcNow());
            var delivery = Guid.NewGuid().ToString("N");
            var wait = Options.WebhookFirstRetry;
            for (var attempt = 1; attempt <= Options.WebhookAttempts; attempt++)
            {
                if ((await AttemptAsync(payload, delivery, attempt, cancellationToken)).Succeeded)
                {
                    return;
                }

                if (attempt < Options.WebhookAttempts)
                {
                    await Task.Delay(wait, sender._time, cancellationToken);
                    wait *= 2;
                }
            }

            LogGaveUp(sender._logger, target.Name, _maskedUrl, payload.Type, Options.WebhookAttempts);
        }

        /// <summary>One signed post of the payload (the same body and signature on every attempt), kept in the deliveries.</summary>
        public async Task<WebhookDelivery> AttemptAsync(WebhookPayload payload, string delivery, int attempt, CancellationToken cancellationToken)
        {
            var body = payload.ToUtf8();
            var (status, error) = await PostAsync(body, WebhookPayload.Sign(body, target.Secret), payload.Type, delivery, cancellationToken);
            var outcome = new WebhookDelivery(target.Name, _maskedUrl, payload.Type, payload.EventId, payload.Camera, attempt, status, error, sender._time.GetUtcNow());
            sender._deliveries.Record(outcome);
            return outcome;
        }

        private async Task<(int? Status, string? Error)> PostAsync(byte[] body, string signature, string type, string delivery, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.WebhookTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookPayload.SignatureHeader, signature);
            request.Headers.Add(WebhookPayload.EventHeader, type);
            request.Headers.Add(WebhookPayload.DeliveryHeader, delivery);
            try
            {
                using var response = await sender._clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                return ((int)response.StatusCode, null);
            }
            catch (HttpRequestException e)
            {
                return (null, Redaction.RedactUrl(e.Message));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, $"no answer within {Options.WebhookTimeout.TotalSeconds:0} s");
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} ({Url}) did not accept {Type} after {Attempts} attempts")]
        private static partial void LogGaveUp(ILogger logger, string webhook, string url, string type, int attempts);
    }
}
