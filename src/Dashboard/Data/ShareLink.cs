namespace Dashboard.Data;

/// <summary>
/// A link that lets someone watch one camera without signing in. Only a hash of its token is stored;
/// the token itself is shown once, when the link is created.
/// </summary>
public sealed class ShareLink
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string CameraId { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string TokenHash { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public long UseCount { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
