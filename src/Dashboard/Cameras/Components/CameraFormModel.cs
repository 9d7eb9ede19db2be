using Streaming.Cameras;

namespace Dashboard.Cameras.Components;

/// <summary>Where an OpenCv camera reads from.</summary>
public enum CaptureSource
{
    Device,
    File,
    Url,
}

/// <summary>
/// The camera form's editable state; turns into a <see cref="CameraDefinition"/> for validation and saving. It
/// starts from a <see cref="CameraDraft"/>, so it never holds a stored credential, only its mask. Each field starts
/// from the camera it edits, so a new camera's fields start from <see cref="CameraDefinition"/>'s own defaults.
/// </summary>
public sealed class CameraFormModel(CameraDefinition camera)
{
    // Settings the form does not show (stopped, image adjustments, device controls, motion zones: those are drawn on
    // the camera page) are kept as they were.
    private readonly CameraDefinition _original = camera;

    /// <summary>A new camera: a webcam (device 0) until the user picks otherwise.</summary>
    public CameraFormModel()
        : this(new CameraDefinition { Id = "", Device = 0 })
    {
    }

    /// <summary>What an edit started from (null for a new camera).</summary>
    public CameraDraft? Draft { get; private init; }

    public string Id { get; set; } = camera.Id;

    public string Name { get; set; } = camera.Name == camera.Id ? "" : camera.Name;

    public CameraKind Kind { get; set; } = camera.Kind;

    public int Width { get; set; } = camera.Width;

    public int Height { get; set; } = camera.Height;

    public double Fps { get; set; } = camera.Fps;

    public int JpegQuality { get; set; } = camera.JpegQuality;

    public bool AlwaysOn { get; set; } = camera.AlwaysOn;

    /// <summary>Several nodes: the node that captures the camera; empty: every node.</summary>
    public string? Node { get; set; } = camera.Node;

    public string? Folder { get; set; } = camera.Folder;

    public CaptureSource Source { get; set; } =
        camera.Device is not null ? CaptureSource.Device : !string.IsNullOrWhiteSpace(camera.File) ? CaptureSource.File : CaptureSource.Url;

    public int? Device { get; set; } = camera.Device ?? 0;

    public string? File { get; set; } = camera.File;

    public string? Url { get; set; } = camera.Url;

    public string? UserName { get; set; } = camera.UserName;

    /// <summary>An Http camera's password: what the user typed, or <see cref="Streaming.Cameras.Redaction.Mask"/> for the stored one.</summary>
    public string? Password { get; set; } = camera.Password;

    public bool Loop { get; set; } = camera.Loop;

    public string? Command { get; set; } = camera.Command;

    /// <summary>One argument per line: what you see is exactly what the program gets (no shell, no quoting).</summary>
    public string Arguments { get; set; } = string.Join('\n', camera.Arguments);

    public bool MotionEnabled { get; set; } = camera.Motion.Enabled;

    /// <summary>1-100: higher counts smaller changes of a pixel as motion.</summary>
    public int MotionSensitivity { get; set; } = camera.Motion.Sensitivity;

    /// <summary>Percent of the watched picture that must change.</summary>
    public double MotionMinimumArea { get; set; } = camera.Motion.MinimumArea;

    public static CameraFormModel From(CameraDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new CameraFormModel(draft.Camera) { Draft = draft };
    }

    public CameraDefinition ToDefinition() => _original with
    {
        Id = Id.Trim(),
        Name = Name.Trim(),
        Kind = Kind,
        Width = Width,
        Height = Height,
        Fps = Fps,
        JpegQuality = JpegQuality,
        AlwaysOn = AlwaysOn,
        Node = string.IsNullOrWhiteSpace(Node) ? null : Node.Trim(),
        Folder = Kind == CameraKind.ImageSequence && !string.IsNullOrWhiteSpace(Folder) ? Folder.Trim() : null,
        Device = Kind == CameraKind.OpenCv && Source == CaptureSource.Device ? Device : null,
        File = Kind == CameraKind.OpenCv && Source == CaptureSource.File ? File?.Trim() : null,
        Url = (Kind == CameraKind.OpenCv && Source == CaptureSource.Url) || Kind == CameraKind.Http ? Url?.Trim() : null,
        UserName = Kind == CameraKind.Http && !string.IsNullOrWhiteSpace(UserName) ? UserName.Trim() : null,
        Password = Kind == CameraKind.Http && !string.IsNullOrEmpty(Password) ? Password : null,
        Loop = Loop,
        Command = Kind == CameraKind.Command ? Command?.Trim() : null,
        Arguments = Kind == CameraKind.Command
            ? [.. Arguments.Split('\n').Select(a => a.TrimEnd('\r')).Where(a => a.Length > 0)]
            : [],
        Motion = _original.Motion with { Enabled = MotionEnabled, Sensitivity = MotionSensitivity, MinimumArea = MotionMinimumArea },
    };
}
