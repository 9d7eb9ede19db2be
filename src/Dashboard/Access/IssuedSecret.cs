namespace Dashboard.Access;

/// <summary>
/// A named secret handed to someone: a share link's token, a machine token. Only a SHA-256 hash of it is stored
/// (<see cref="SecretHash"/>); the secret itself is shown once, when it is made. It works until it expires or is revoked.
/// </summary>
public abstract class IssuedSecret
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the secret, hex.</summary>
    public string TokenHash { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

}
