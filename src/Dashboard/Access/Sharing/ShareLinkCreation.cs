namespace Dashboard.Access.Sharing;

/// <summary>The created link, or the problems by field (<see cref="NewShareLink"/>'s property names).</summary>
public sealed record ShareLinkCreation(CreatedShareLink? Created, IReadOnlyDictionary<string, string> Errors)
{
    public static IReadOnlyDictionary<string, string> NoErrors { get; } = new Dictionary<string, string>();

    public bool Succeeded => Created is not null;
}
