using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Cameras;

namespace Dashboard.Data;

/// <summary>How a stored camera's definition is written in its one JSON column (camelCase names, enums by name).</summary>
internal static class CameraJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Write(CameraDefinition camera) => JsonSerializer.Serialize(camera, Options);

    public static CameraDefinition Read(string json)
    {
        var camera = JsonSerializer.Deserialize<CameraDefinition>(json, Options)
            ?? throw new JsonException("A stored camera's definition is null.");

        // Device controls are named without case, as everywhere else.
        return camera with { DeviceProperties = new Dictionary<string, double>(camera.DeviceProperties, StringComparer.OrdinalIgnoreCase) };
    }
}
