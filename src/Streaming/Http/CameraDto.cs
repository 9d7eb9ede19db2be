using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Motion;

namespace Streaming.Http;

/// <summary>
/// A camera as the JSON API shows it: state, settings (credentials masked), statistics and viewers. The error
/// (masked) only for callers allowed to see it (<see cref="ICameraErrorAccess"/>): it names the source.
/// </summary>
public sealed record CameraDto(
    string Id,
    string Name,
    CameraKind Kind,
    bool IsDefault,
    CameraState State,
    string? LastError,
    DateTimeOffset StateSince,
    CameraSettingsDto Settings,
    CameraCaptureDto Capture,
    int SubscriberCount,
    IReadOnlyList<SubscriberStatistics> Subscribers,
    CameraLinksDto Links,
    MotionStatus? Motion = null)
{
    public static CameraDto From(Camera camera, bool isDefault, string pathBase, bool withErrorDetails, MotionStatus? motion = null)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var s = camera.ReadStatistics();
        var d = camera.Definition;
        return new CameraDto(
            s.Id,
            s.Name,
            s.Kind,
            isDefault,
            s.State,
            withErrorDetails ? Redaction.RedactText(s.LastError, d) : null,
            s.StateSince,
            CameraSettingsDto.From(d),
            new CameraCaptureDto(s.CaptureFps, s.EncodeMilliseconds, s.FrameBytes, s.Width, s.Height, s.Passthrough, s.Path.Kind, s.Path.Description, s.FramesCaptured, s.FramesEncoded, s.FramesDecoded, s.PreviewFramesEncoded, s.Reconnects, s.LastFrameAt),
            s.SubscriberCount,
            s.Subscribers,
            new CameraLinksDto($"{pathBase}/video_feed/{Uri.EscapeDataString(s.Id)}", $"{pathBase}/snapshot/{Uri.EscapeDataString(s.Id)}.jpg"),
            motion);
    }
}

public sealed record CameraSettingsDto(
    int Width,
    int Height,
    double Fps,
    int JpegQuality,
    bool AlwaysOn,
    bool Enabled,
    ImageAdjustments Image,
    IReadOnlyDictionary<string, double> DeviceProperties,
    string? Folder,
    int? Device,
    string? File,
    string? Url,
    bool Loop,
    string? Command,
    IReadOnlyList<string> Arguments,
    string? UserName = null,
    bool PasswordSet = false,
    MotionSettings? Motion = null)
{
    public static CameraSettingsDto From(CameraDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Width,
            d.Height,
            d.Fps,
            d.JpegQuality,
            d.AlwaysOn,
            d.Enabled,
            d.Image,
            d.DeviceProperties,
            d.Folder,
            d.Device,
            d.File,
            Redaction.RedactUrl(d.Url),
            d.Loop,
            d.Command,
            Redaction.RedactArguments(d.Arguments),
            d.UserName,
            !string.IsNullOrEmpty(d.Password),
            d.Motion);
    }
}

public sealed record CameraCaptureDto(
    double Fps,
    double EncodeMilliseconds,
    int FrameBytes,
    int Width,
    int Height,
    bool Passthrough,
    FramePathKind PathKind,
    string Path,
    long FramesCaptured,
    long FramesEncoded,
    long FramesDecoded,
    long PreviewFramesEncoded,
    long Reconnects,
    DateTimeOffset? LastFrameAt);

public sealed record CameraLinksDto(string Feed, string Snapshot);
