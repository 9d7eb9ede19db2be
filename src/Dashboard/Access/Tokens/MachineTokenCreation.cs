namespace Dashboard.Access.Tokens;

/// <summary>A new token and its secret, which exists only here: the database keeps a hash.</summary>
public sealed record CreatedMachineToken(MachineToken Token, string Secret);

/// <summary>The created token, or the problems by field (<see cref="NewMachineToken"/>'s property names).</summary>
public sealed record MachineTokenCreation(CreatedMachineToken? Created, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Created is not null;

    public static MachineTokenCreation Refused(IReadOnlyDictionary<string, string> errors) => new(null, errors);
}
