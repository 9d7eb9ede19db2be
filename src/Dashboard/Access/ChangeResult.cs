using Streaming.Cameras;

namespace Dashboard.Access;

/// <summary>How a change (or a read that needs a role) ended.</summary>
public enum ChangeStatus
{
    Done,

    /// <summary>The acting user may not do this.</summary>
    Refused,

    /// <summary>The thing to change does not exist (any more).</summary>
    NotFound,

    /// <summary>The request has problems, per field.</summary>
    Invalid,

    /// <summary>Someone else changed it first, or the change would break a rule of the whole (the last admin).</summary>
    Conflict,
}

/// <summary>
/// The outcome of every service call that checks the acting user's role and changes state
/// (camera management, users, share links, machine tokens, remote dashboards, notifications, events): done, or why not, per field
/// (<see cref="General"/> for the change as a whole). Refusals are results, never exceptions.
/// </summary>
public record ChangeResult(ChangeStatus Status, IReadOnlyList<SettingProblem> Problems)
{
    /// <summary>The field of a problem that is not about one field (permission, unknown item, conflict).</summary>
    public const string General = "";

    public static ChangeResult Done { get; } = new(ChangeStatus.Done, []);

    public bool Succeeded => Status == ChangeStatus.Done;

    /// <summary>Every message, in one sentence or more (for a notice).</summary>
    public string Message => string.Join(" ", Problems.Select(p => p.Message));

    /// <summary>The messages about one field, joined; null when there are none.</summary>
    public string? ErrorFor(string field) =>
        string.Join(" ", Problems.Where(p => p.Setting == field).Select(p => p.Message)) is { Length: > 0 } text ? text : null;

    public static ChangeResult Refused(string message) => Of(ChangeStatus.Refused, General, message);

    public static ChangeResult NotFound(string message) => Of(ChangeStatus.NotFound, General, message);

    public static ChangeResult Conflict(string message) => Of(ChangeStatus.Conflict, General, message);

    public static ChangeResult Invalid(string field, string message) => Of(ChangeStatus.Invalid, field, message);

    public static ChangeResult Invalid(IEnumerable<SettingProblem> problems) => new(ChangeStatus.Invalid, [.. problems]);

    /// <summary>A successful call that hands back a value (the created link, the list).</summary>
    public static ChangeResult<T> Ok<T>(T value) => new(ChangeStatus.Done, [], value);

    /// <summary>This failure as the result of a call that would have handed back a value.</summary>
    public ChangeResult<T> As<T>() => Succeeded
        ? throw new InvalidOperationException("A successful result carries its value: use ChangeResult.Ok.")
        : new(Status, Problems, default);

    private static ChangeResult Of(ChangeStatus status, string field, string message) => new(status, [new SettingProblem(field, message)]);
}

/// <summary>A <see cref="ChangeResult"/> that carries a value when it succeeded.</summary>
public sealed record ChangeResult<T>(ChangeStatus Status, IReadOnlyList<SettingProblem> Problems, T? Value) : ChangeResult(Status, Problems);
