namespace Dashboard.Access.Tokens;

/// <summary>What a user asks for: a named token for <see cref="UserId"/>, valid until revoked or until <see cref="ExpiresAt"/>.</summary>
public sealed record NewMachineToken(string UserId, string Name, DateTimeOffset? ExpiresAt);
