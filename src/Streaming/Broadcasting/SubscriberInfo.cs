namespace Streaming.Broadcasting;

/// <summary>Who is watching: fixed for the lifetime of a subscription.</summary>
public sealed record SubscriberInfo
{
    public string Id { get; init; } = Guid.NewGuid().ToString("N")[..12];

    public required SubscriberKind Kind { get; init; }

    /// <summary>A name the client chose (<c>?client=</c>) or the share link's name.</summary>
    public string? Label { get; init; }

    /// <summary>The signed-in user, if any.</summary>
    public string? User { get; init; }

    public string? RemoteAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>When the subscription started (set by the broadcaster's clock when left unset).</summary>
    public DateTimeOffset ConnectedAt { get; init; }
}
