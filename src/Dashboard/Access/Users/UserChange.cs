namespace Dashboard.Access.Users;

/// <summary>
/// The outcome of an admin's change: done, or refused with messages by field (<see cref="NewUser"/>'s property
/// names; <see cref="General"/> for the change as a whole, e.g. "the last enabled admin").
/// </summary>
public sealed record UserChange(IReadOnlyDictionary<string, string> Errors)
{
    public const string General = "";

    public static UserChange Done { get; } = new(new Dictionary<string, string>());

    public bool Succeeded => Errors.Count == 0;

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    public static UserChange Refused(string message, string field = General) =>
        new(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = message });
}
