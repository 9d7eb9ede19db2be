namespace Dashboard.Access.Tokens;

/// <summary>A new token and its secret, which exists only here: the database keeps a hash.</summary>
public sealed record CreatedMachineToken(MachineToken Token, string Secret);
