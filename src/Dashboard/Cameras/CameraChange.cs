using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>The outcome of adding, changing or removing a camera: done, or why not (per setting).</summary>
public sealed record CameraChange(bool Succeeded, IReadOnlyList<SettingProblem> Problems)
{
    public static CameraChange Done { get; } = new(true, []);

    public static CameraChange Refused(string setting, string message) => new(false, [new SettingProblem(setting, message)]);

    public static CameraChange Invalid(IReadOnlyList<SettingProblem> problems) => new(false, problems);

    /// <summary>A problem that is not about one setting (permission, unknown camera).</summary>
    public const string General = "";
}
