using System.Globalization;
using System.Text.RegularExpressions;
using Streaming.Sources;

namespace Streaming.Cameras;

/// <summary>
/// Checks a camera's settings before anything is opened, so a mistake is reported as a sentence that
/// names the camera and the setting instead of surfacing later as an OpenCV or process error.
/// </summary>
public static partial class CameraDefinitionValidator
{
    public const int MaxWidth = 7680;
    public const int MaxHeight = 4320;
    public const double MaxFps = 120;

    /// <summary>Longest camera name: it is drawn on the picture and shown in lists and page titles.</summary>
    public const int MaxNameLength = 100;

    private static readonly string[] NetworkSchemes = ["rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "udp", "tcp", "srt"];

    public static IReadOnlyList<SettingProblem> Validate(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var problems = new List<SettingProblem>();
        void Add(string setting, string message) => problems.Add(new(setting, message));

        if (!IsValidId(camera.Id))
        {
            Add(nameof(camera.Id), $"Id '{camera.Id}' must be 1-64 letters, digits, '-' or '_', starting with a letter or digit.");
        }

        if (!string.IsNullOrEmpty(camera.Node) && !IsValidId(camera.Node))
        {
            Add(nameof(camera.Node), $"Node '{camera.Node}' must be a node's name: 1-64 letters, digits, '-' or '_'.");
        }

        if (camera.Name.Length > MaxNameLength)
        {
            Add(nameof(camera.Name), $"Name must be at most {MaxNameLength} characters (was {camera.Name.Length}).");
        }

        if (camera.Width is <= 0 or > MaxWidth)
        {
            Add(nameof(camera.Width), $"Width must be between 1 and {MaxWidth} (was {camera.Width}).");
        }

        if (camera.Height is <= 0 or > MaxHeight)
        {
            Add(nameof(camera.Height), $"Height must be between 1 and {MaxHeight} (was {camera.Height}).");
        }

        if (!(camera.Fps > 0 && camera.Fps <= MaxFps))
        {
            Add(nameof(camera.Fps), $"Fps must be greater than 0 and at most {MaxFps} (was {camera.Fps.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (camera.JpegQuality is < 1 or > 100)
        {
            Add(nameof(camera.JpegQuality), $"JpegQuality must be between 1 and 100 (was {camera.JpegQuality}).");
        }

        foreach (var (setting, message) in camera.Image.Problems())
        {
            Add(setting, message);
        }

        foreach (var message in Motion.MotionSettingsValidator.Validate(camera.Motion))
        {
            Add(nameof(camera.Motion), message);
        }

        foreach (var (name, value) in camera.DeviceProperties)
        {
            if (!DeviceProperty.IsKnown(name))
            {
                Add(nameof(camera.DeviceProperties), $"Device property '{name}' is not one of {string.Join(", ", DeviceProperty.KnownNames)}.");
            }
            else if (!double.IsFinite(value))
            {
                Add(nameof(camera.DeviceProperties), $"Device property '{name}' must be a number.");
            }
        }

        switch (camera.Kind)
        {
            case CameraKind.ImageSequence:
                ValidateFolder(camera, Add);
                break;
            case CameraKind.OpenCv:
                ValidateCapture(camera, Add);
                break;
            case CameraKind.Command:
                ValidateCommand(camera, Add);
                break;
            case CameraKind.Http:
                ValidateHttp(camera, Add);
                break;
            case CameraKind.TestPattern:
                break;
            default:
                Add(nameof(camera.Kind), $"Kind '{camera.Kind}' is not one of {string.Join(", ", Enum.GetNames<CameraKind>())}.");
                break;
        }

        return problems;
    }

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The folder an ImageSequence camera reads: its own, or the bundled sample set.</summary>
    public static string ResolveFolder(CameraDefinition camera) =>
        string.IsNullOrWhiteSpace(camera?.Folder)
            ? Path.Combine(AppContext.BaseDirectory, "Samples", "ImageSequence")
            : Path.GetFullPath(camera.Folder);

    public static IReadOnlyList<string> ListJpegFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    /// <summary>Finds a program the way a shell would (absolute/relative path, else each PATH entry), without a shell.</summary>
    public static string? ResolveProgram(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return System.IO.File.Exists(command) ? Path.GetFullPath(command) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(System.IO.File.Exists);
    }

    private static void ValidateFolder(CameraDefinition camera, Action<string, string> add)
    {
        var folder = ResolveFolder(camera);
        if (!Directory.Exists(folder))
        {
            add(nameof(camera.Folder), $"Folder '{camera.Folder}' does not exist.");
        }
        else if (ListJpegFiles(folder).Count == 0)
        {
            add(nameof(camera.Folder), $"Folder '{camera.Folder}' holds no .jpg or .jpeg files.");
        }
    }

    private static void ValidateCapture(CameraDefinition camera, Action<string, string> add)
    {
        var given = (camera.Device is not null ? 1 : 0) + (string.IsNullOrWhiteSpace(camera.File) ? 0 : 1) + (string.IsNullOrWhiteSpace(camera.Url) ? 0 : 1);
        if (given != 1)
        {
            add(nameof(camera.Device), "An OpenCv camera needs exactly one of Device (index N for /dev/videoN), File or Url.");
            return;
        }

        if (camera.Device is { } device)
        {
            if (device < 0)
            {
                add(nameof(camera.Device), $"Device must be 0 or more (was {device}).");
            }
            else if (OperatingSystem.IsLinux() && !System.IO.File.Exists($"/dev/video{device}"))
            {
                add(nameof(camera.Device), $"Device {device} does not exist (no /dev/video{device}).");
            }
        }
        else if (!string.IsNullOrWhiteSpace(camera.File))
        {
            if (!System.IO.File.Exists(camera.File))
            {
                add(nameof(camera.File), $"File '{camera.File}' does not exist.");
            }
        }
        // FFmpeg takes the userinfo up to the last '@' ("user:p@ss@host"), which Uri refuses: check the rest.
        else if (!Uri.TryCreate(camera.Url!.Contains("://", StringComparison.Ordinal) ? (UrlParts.Parse(camera.Url) with { UserInfo = null }).ToString() : camera.Url, UriKind.Absolute, out var uri)
            || !NetworkSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(uri.Host))
        {
            add(nameof(camera.Url), $"Url '{Redaction.RedactUrl(camera.Url)}' is not a valid stream URL ({string.Join(", ", NetworkSchemes)}://host/...).");
        }
    }

    private static void ValidateCommand(CameraDefinition camera, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(camera.Command))
        {
            add(nameof(camera.Command), "A Command camera needs Command (the program to run, e.g. rpicam-vid or ffmpeg).");
        }
        else if (ResolveProgram(camera.Command) is null)
        {
            add(nameof(camera.Command), $"Command '{camera.Command}' was not found (not a file, and not on PATH).");
        }
    }

    private static void ValidateHttp(CameraDefinition camera, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(camera.Url))
        {
            add(nameof(camera.Url), "An Http camera needs Url (an MJPEG stream or a snapshot URL, http:// or https://).");
        }
        else if (!Uri.TryCreate(camera.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            add(nameof(camera.Url), $"Url '{Redaction.RedactUrl(camera.Url)}' is not an http:// or https:// URL.");
        }

        if (!string.IsNullOrEmpty(camera.Password) && string.IsNullOrEmpty(camera.UserName))
        {
            add(nameof(camera.UserName), "A Password is set without a UserName.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
