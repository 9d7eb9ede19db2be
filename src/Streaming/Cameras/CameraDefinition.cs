using System.Collections;
using System.Reflection;
using Streaming.Imaging;
using Streaming.Motion;

namespace Streaming.Cameras;

/// <summary>
/// Everything needed to run one camera. The common settings apply to every kind; the rest are read
/// only by the kind they belong to (see README, "Camera settings").
/// </summary>
public sealed record CameraDefinition
{
    public required string Id { get; init; }

    public string Name { get => string.IsNullOrWhiteSpace(field) ? Id : field; init; } = "";

    public CameraKind Kind { get; init; } = CameraKind.TestPattern;

    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 720;

    public double Fps { get; init; } = 15;

    /// <summary>JPEG quality (1-100) for cameras whose frames the server encodes.</summary>
    public int JpegQuality { get; init; } = 80;

    /// <summary>Keep capturing with no viewers, so the first viewer of a slow-starting camera gets a frame at once.</summary>
    public bool AlwaysOn { get; init; }

    /// <summary>False when an operator stopped the camera: the device is released and viewers see a "stopped" card.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Rotation, flips, brightness/contrast and caption, applied in software to every frame.</summary>
    public ImageAdjustments Image { get; init; } = ImageAdjustments.None;

    /// <summary>Motion detection: off by default; on, the camera keeps capturing to check its frames.</summary>
    public MotionSettings Motion { get; init; } = MotionSettings.Off;

    /// <summary>Device controls (V4L2 through OpenCV: brightness, exposure, ...) set when the device opens.</summary>
    public IReadOnlyDictionary<string, double> DeviceProperties { get; init; } = new Dictionary<string, double>();

    /// <summary>ImageSequence: folder of .jpg/.jpeg files (default: the bundled sample set).</summary>
    public string? Folder { get; init; }

    /// <summary>OpenCv: V4L2 device index N for /dev/videoN.</summary>
    public int? Device { get; init; }

    /// <summary>OpenCv: path of a video file.</summary>
    public string? File { get; init; }

    /// <summary>OpenCv: network stream URL (rtsp://, http://, ...). Http: the MJPEG stream or snapshot URL.</summary>
    public string? Url { get; init; }

    /// <summary>OpenCv file: start over when the file ends.</summary>
    public bool Loop { get; init; } = true;

    /// <summary>Command: the program to run (a path or a name looked up on PATH). Never run through a shell.</summary>
    public string? Command { get; init; }

    /// <summary>Command: the program's arguments, one list item per argument.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Http: user name for HTTP Basic or Digest, when the camera asks for one.</summary>
    public string? UserName { get; init; }

    /// <summary>Http: password for HTTP Basic or Digest. A secret: never shown, logged or sent anywhere but to the camera.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Several nodes on one database: the node that captures this camera (its <c>Nodes:Name</c>); the others show it
    /// through the owner's feed. Empty: every node that has the camera captures it (one node, the usual case).
    /// </summary>
    public string? Node { get; init; }

    /// <summary>
    /// Every setting: the public properties, found once. Equality, the stored JSON, the API's settings and the
    /// dashboard's change log all follow from them, so a new setting is one property here (see docs/architecture.md).
    /// </summary>
    public static IReadOnlyList<PropertyInfo> Settings { get; } =
        [.. typeof(CameraDefinition).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)];

    /// <summary>Equal when every setting is; lists by their items, device controls as a set of name and value.</summary>
    public bool Equals(CameraDefinition? other) =>
        other is not null && Settings.All(setting => SameValue(setting.GetValue(this), setting.GetValue(other)));

    public override int GetHashCode() => HashCode.Combine(Id, Kind, Width, Height, Fps);

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (IReadOnlyDictionary<string, double> x, IReadOnlyDictionary<string, double> y) => x.Count == y.Count && !x.Except(y).Any(),
        (string x, string y) => x == y,
        (IEnumerable x, IEnumerable y) => x.Cast<object?>().SequenceEqual(y.Cast<object?>()),
        _ => Equals(a, b),
    };

    /// <summary>
    /// True when <paramref name="other"/> differs only in settings a running camera applies on the fly
    /// (name, JPEG quality, image adjustments, device controls, always-on, motion detection): no need to reopen the source.
    /// </summary>
    public bool DiffersOnlyLive(CameraDefinition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Equals(other with
        {
            Name = Name,
            JpegQuality = JpegQuality,
            Image = Image,
            DeviceProperties = DeviceProperties,
            AlwaysOn = AlwaysOn,
            Motion = Motion,
        });
    }
}
