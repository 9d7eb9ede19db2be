using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Motion;

namespace Streaming.Http;

/// <summary>
/// A camera as the JSON API shows it: state, settings (credentials masked), statistics and viewers. The error
/// (masked) only for callers allowed to see it (<see cref="ICameraErrorAccess"/>): it names the source. <see cref="Remote"/>
/// is set for a camera relayed from another dashboard (<see cref="ICameraOrigins"/>), null for this dashboard's own.
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
    MotionStatus? Motion = null,
    CameraRemoteDto? Remote = null)
{
    public static CameraDto From(Camera camera, bool isDefault, string pathBase, bool withErrorDetails, MotionStatus? motion = null, CameraRemoteDto? remote = null)
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
            new CameraLinksDto($"{pathBase}/{FeedRoutes.Feed(s.Id)}", $"{pathBase}/{FeedRoutes.Snapshot(s.Id)}"),
            motion,
            remote);
    }
}

/// <summary>
/// A camera's settings as the API shows them: every setting of <see cref="CameraDefinition"/> but its id, name
/// and kind (shown beside it), with credentials redacted (<see cref="Redaction.Redact"/>) and the password only
/// as <c>passwordSet</c>. Written from the definition's own properties, so a new setting appears without being listed.
/// </summary>
[JsonConverter(typeof(CameraSettingsDtoConverter))]
public sealed record CameraSettingsDto(CameraDefinition Camera)
{
    public static CameraSettingsDto From(CameraDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(Redaction.Redact(d));
    }
}

/// <summary>Writes <see cref="CameraSettingsDto"/> as the definition's JSON without the settings shown elsewhere or never shown.</summary>
internal sealed class CameraSettingsDtoConverter : JsonConverter<CameraSettingsDto>
{
    private static readonly string[] Left = [nameof(CameraDefinition.Id), nameof(CameraDefinition.Name), nameof(CameraDefinition.Kind), nameof(CameraDefinition.Password)];

    public override CameraSettingsDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Camera settings are only written.");

    public override void Write(Utf8JsonWriter writer, CameraSettingsDto value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        string Named(string name) => options.PropertyNamingPolicy?.ConvertName(name) ?? name;
        var left = Left.Select(Named).ToHashSet(StringComparer.Ordinal);
        writer.WriteStartObject();
        foreach (var setting in JsonSerializer.SerializeToElement(value.Camera, options).EnumerateObject().Where(p => !left.Contains(p.Name)))
        {
            setting.WriteTo(writer);
        }

        writer.WriteBoolean(Named("PasswordSet"), !string.IsNullOrEmpty(value.Camera.Password));
        writer.WriteEndObject();
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
