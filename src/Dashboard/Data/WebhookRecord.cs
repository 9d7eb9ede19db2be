namespace Dashboard.Data;

/// <summary>
/// A webhook set up on the notifications page: where motion events are posted and the secret their signature is made
/// with, kept encrypted with the sign-in keys (Data Protection), so the database alone does not give it away.
/// </summary>
public sealed class WebhookRecord
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Url { get; set; }

    /// <summary>The HMAC secret, protected by Data Protection.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>Keeps the list in the order the webhooks were added.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
