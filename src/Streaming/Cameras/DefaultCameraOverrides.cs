using Microsoft.Extensions.Configuration;

namespace Streaming.Cameras;

/// <summary>
/// The seed's environment variables: <c>CAMERA</c> picks the default camera's kind and
/// <c>OPENCV_CAMERA_SOURCE</c> its OpenCV source (a device index, a file path or a stream URL).
/// </summary>
public static class DefaultCameraOverrides
{
    public const string KindVariable = "CAMERA";
    public const string OpenCvSourceVariable = "OPENCV_CAMERA_SOURCE";

    /// <summary>The camera with the overrides applied, or the same camera when no variable is set.</summary>
    public static ConfiguredCamera Apply(ConfiguredCamera camera, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(configuration);
        var kindText = configuration[KindVariable];
        var source = configuration[OpenCvSourceVariable]?.Trim();
        if (string.IsNullOrWhiteSpace(kindText) && string.IsNullOrWhiteSpace(source))
        {
            return camera;
        }

        var kind = ParseKind(kindText);
        if (kind is null && !string.IsNullOrWhiteSpace(kindText))
        {
            return camera with
            {
                Problems = [new(KindVariable, $"Environment variable {KindVariable}='{kindText}' is not one of opencv, testpattern, imagesequence, command.")],
            };
        }

        var definition = camera.Definition with { Kind = kind ?? CameraKind.OpenCv };
        if (definition.Kind == CameraKind.OpenCv && !string.IsNullOrWhiteSpace(source))
        {
            definition = int.TryParse(source, out var device)
                ? definition with { Device = device, File = null, Url = null }
                : source.Contains("://", StringComparison.Ordinal)
                    ? definition with { Device = null, File = null, Url = source }
                    : definition with { Device = null, File = source, Url = null };
        }

        return new ConfiguredCamera(definition);
    }

    private static CameraKind? ParseKind(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "OPENCV" => CameraKind.OpenCv,
        "TESTPATTERN" or "TEST" => CameraKind.TestPattern,
        "IMAGESEQUENCE" or "IMAGES" or "EMULATED" => CameraKind.ImageSequence,
        "COMMAND" => CameraKind.Command,
        _ => null,
    };
}
