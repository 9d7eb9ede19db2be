using System.Collections.Immutable;

namespace Dashboard.Motion;

/// <summary>The latest webhook delivery attempts, newest first, for the admin page (no secrets, URLs masked).</summary>
public sealed class WebhookDeliveries
{
    public const int Kept = 50;

    private ImmutableList<WebhookDelivery> _latest = [];

    public IReadOnlyList<WebhookDelivery> Latest => _latest;

    /// <summary>Raised after each attempt is kept (the page follows the deliveries live).</summary>
    public event EventHandler? Recorded;

    internal void Record(WebhookDelivery delivery)
    {
        ImmutableInterlocked.Update(ref _latest, list =>
        {
            var next = list.Insert(0, delivery);
            return next.Count > Kept ? next.RemoveAt(Kept) : next;
        });
        Recorded?.Invoke(this, EventArgs.Empty);
    }
}

/// <summary>One attempt: which webhook, which event, its outcome (HTTP status or error) and when.</summary>
public sealed record WebhookDelivery(
    string Webhook,
    string Url,
    string Type,
    Guid EventId,
    string Camera,
    int Attempt,
    int? StatusCode,
    string? Error,
    DateTimeOffset At)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
