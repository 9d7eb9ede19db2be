namespace Dashboard.Access.Users;

/// <summary>One row of the user list.</summary>
public sealed record UserSummary(
    string Id,
    string UserName,
    string? Role,
    bool IsDisabled,
    DateTimeOffset? LockedOutUntil,
    DateTimeOffset CreatedAt);
