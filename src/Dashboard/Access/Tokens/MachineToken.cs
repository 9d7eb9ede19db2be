namespace Dashboard.Access.Tokens;

/// <summary>
/// A named token a user (or an admin for them) made for a tool or another node: Home Assistant, Prometheus, a hub
/// reading this dashboard. Only a SHA-256 hash of the token is stored; the token itself is shown once, when it is made.
/// It acts as its owner, with the owner's role at the time of each request, and never more.
/// </summary>
public sealed class MachineToken
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The owner (<see cref="Data.DashboardUser"/>'s id); deleting the user deletes their tokens.</summary>
    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string TokenHash { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
