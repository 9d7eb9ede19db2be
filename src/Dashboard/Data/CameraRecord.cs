using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Motion;

namespace Dashboard.Data;

/// <summary>A camera as stored in the database (see <see cref="CameraDefinition"/> for the meaning of each setting).</summary>
public sealed class CameraRecord
{
    public required string Id { get; set; }

    public string Name { get; set; } = "";

    public CameraKind Kind { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public double Fps { get; set; }

    public int JpegQuality { get; set; }

    public bool AlwaysOn { get; set; }

    public string? Folder { get; set; }

    public int? Device { get; set; }

    public string? File { get; set; }

    public string? Url { get; set; }

    /// <summary>Http: user name for Basic or Digest.</summary>
    public string? UserName { get; set; }

    /// <summary>Http: password for Basic or Digest (stored as the camera needs it; never sent to a page).</summary>
    public string? Password { get; set; }

    public bool Loop { get; set; }

    public string? Command { get; set; }

    public List<string> Arguments { get; set; } = [];

    /// <summary>False while an operator has the camera stopped.</summary>
    public bool Enabled { get; set; } = true;

    public ImageAdjustments Image { get; set; } = ImageAdjustments.None;

    public Dictionary<string, double> DeviceProperties { get; set; } = [];

    /// <summary>Position in the grid and in lists.</summary>
    public int SortOrder { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Who saved the camera last (a user name, or "configuration").</summary>
    public string? UpdatedBy { get; set; }

    /// <summary>Motion detection (stored as JSON: enabled, sensitivity, minimum area, zones).</summary>
    public MotionSettings Motion { get; set; } = MotionSettings.Off;

    /// <summary>Raised by every change; a concurrency token, so two saves from the same version cannot both win.</summary>
    public long Version { get; set; }

    public static CameraRecord From(CameraDefinition camera, int sortOrder)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var record = new CameraRecord { Id = camera.Id, SortOrder = sortOrder };
        record.Apply(camera);
        return record;
    }

    public void Apply(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        Name = camera.Name;
        Kind = camera.Kind;
        Width = camera.Width;
        Height = camera.Height;
        Fps = camera.Fps;
        JpegQuality = camera.JpegQuality;
        AlwaysOn = camera.AlwaysOn;
        Folder = camera.Folder;
        Device = camera.Device;
        File = camera.File;
        Url = camera.Url;
        UserName = camera.UserName;
        Password = camera.Password;
        Loop = camera.Loop;
        Command = camera.Command;
        Arguments = [.. camera.Arguments];
        Enabled = camera.Enabled;
        Image = camera.Image;
        DeviceProperties = new Dictionary<string, double>(camera.DeviceProperties, StringComparer.OrdinalIgnoreCase);
        Motion = camera.Motion;
    }

    /// <summary>Marks a change: a new version, when and by whom.</summary>
    public void Touch(string by)
    {
        Version++;
        UpdatedAt = DateTimeOffset.UtcNow;
        UpdatedBy = by;
    }

    public CameraDefinition ToDefinition() => new()
    {
        Id = Id,
        Name = Name,
        Kind = Kind,
        Width = Width,
        Height = Height,
        Fps = Fps,
        JpegQuality = JpegQuality,
        AlwaysOn = AlwaysOn,
        Folder = Folder,
        Device = Device,
        File = File,
        Url = Url,
        UserName = UserName,
        Password = Password,
        Loop = Loop,
        Command = Command,
        Arguments = [.. Arguments],
        Enabled = Enabled,
        Image = Image,
        DeviceProperties = new Dictionary<string, double>(DeviceProperties, StringComparer.OrdinalIgnoreCase),
        Motion = Motion,
    };
}
