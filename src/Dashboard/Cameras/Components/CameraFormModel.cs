using Streaming.Cameras;
using Streaming.Motion;

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
/// starts from a <see cref="CameraDraft"/>, so it never holds a stored credential, only its mask.
/// </summary>
public sealed class CameraFormModel
{
    // Settings the form does not show (stopped, image adjustments, device controls, motion zones: those are drawn on
    // the camera page) are kept as they were.
    private CameraDefinition? _original;

    /// <summary>What an edit started from (null for a new camera).</summary>
    public CameraDraft? Draft { get; private init; }

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public CameraKind Kind { get; set; } = CameraKind.TestPattern;

    public int Width { get; set; } = CameraDefinition.DefaultWidth;

    public int Height { get; set; } = CameraDefinition.DefaultHeight;

    public double Fps { get; set; } = CameraDefinition.DefaultFps;

    public int JpegQuality { get; set; } = CameraDefinition.DefaultJpegQuality;

    public bool AlwaysOn { get; set; }

    /// <summary>Several nodes: the node that captures the camera; empty: every node.</summary>
    public string? Node { get; set; }

    public string? Folder { get; set; }

    public CaptureSource Source { get; set; } = CaptureSource.Device;

    public int? Device { get; set; } = 0;

    public string? File { get; set; }

    public string? Url { get; set; }

    public string? UserName { get; set; }

    /// <summary>An Http camera's password: what the user typed, or <see cref="Streaming.Cameras.Redaction.Mask"/> for the stored one.</summary>
    public string? Password { get; set; }

    public bool Loop { get; set; } = true;

    public string? Command { get; set; }

    /// <summary>One argument per line: what you see is exactly what the program gets (no shell, no quoting).</summary>
    public string Arguments { get; set; } = "";

    public bool MotionEnabled { get; set; }

    /// <summary>1-100: higher counts smaller changes of a pixel as motion.</summary>
    public int MotionSensitivity { get; set; } = MotionSettings.DefaultSensitivity;

    /// <summary>Percent of the watched picture that must change.</summary>
    public double MotionMinimumArea { get; set; } = MotionSettings.DefaultMinimumArea;

    public static CameraFormModel From(CameraDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var camera = draft.Camera;
        return new CameraFormModel
        {
            Draft = draft,
            _original = camera,
            Id = camera.Id,
            Name = camera.Name == camera.Id ? "" : camera.Name,
            Kind = camera.Kind,
            Width = camera.Width,
            Height = camera.Height,
            Fps = camera.Fps,
            JpegQuality = camera.JpegQuality,
            AlwaysOn = camera.AlwaysOn,
            Node = camera.Node,
            Folder = camera.Folder,
            Source = camera.Device is not null ? CaptureSource.Device : !string.IsNullOrWhiteSpace(camera.File) ? CaptureSource.File : CaptureSource.Url,
            Device = camera.Device ?? 0,
            File = camera.File,
            Url = camera.Url,
            UserName = camera.UserName,
            Password = camera.Password,
            Loop = camera.Loop,
            Command = camera.Command,
            Arguments = string.Join('\n', camera.Arguments),
            MotionEnabled = camera.Motion.Enabled,
            MotionSensitivity = camera.Motion.Sensitivity,
            MotionMinimumArea = camera.Motion.MinimumArea,
        };
    }

    public CameraDefinition ToDefinition() => (_original ?? new CameraDefinition { Id = "" }) with
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
        Motion = (_original?.Motion ?? MotionSettings.Off) with { Enabled = MotionEnabled, Sensitivity = MotionSensitivity, MinimumArea = MotionMinimumArea },
    };
}
