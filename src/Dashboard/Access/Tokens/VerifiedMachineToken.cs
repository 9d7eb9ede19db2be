namespace Dashboard.Access.Tokens;

/// <summary>An active token of an enabled user, with what the owner may do right now.</summary>
public sealed record VerifiedMachineToken(Guid TokenId, string TokenName, DateTimeOffset? ExpiresAt, string UserId, string UserName, string SecurityStamp, IReadOnlyList<string> Roles);
