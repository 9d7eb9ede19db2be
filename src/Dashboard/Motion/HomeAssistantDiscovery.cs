using System.Text.Json;
using Streaming.Cameras;

namespace Dashboard.Motion;

/// <summary>
/// Home Assistant's MQTT discovery for a camera's motion: a retained <c>binary_sensor</c> config (device class
/// motion) under the discovery prefix, so the sensor appears there by itself, with this dashboard's availability topic.
/// </summary>
internal static class HomeAssistantDiscovery
{
    public const string On = "ON";
    public const string Off = "OFF";
    public const string Online = "online";
    public const string Offline = "offline";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string AvailabilityTopic(MqttOptions mqtt) => $"{mqtt.TopicPrefix}/status";

    public static string StateTopic(MqttOptions mqtt, string cameraId) => $"{mqtt.TopicPrefix}/{cameraId}/motion";

    public static string EventTopic(MqttOptions mqtt, string cameraId) => $"{mqtt.TopicPrefix}/{cameraId}/event";

    public static string ConfigTopic(MqttOptions mqtt, string cameraId) => $"{mqtt.DiscoveryPrefix}/binary_sensor/{NodeId(mqtt)}/{cameraId}_motion/config";

    public static byte[] Config(MqttOptions mqtt, CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var node = NodeId(mqtt);
        return JsonSerializer.SerializeToUtf8Bytes(
            new Sensor(
                $"{camera.Name} motion",
                $"{node}_{camera.Id}_motion",
                "motion",
                StateTopic(mqtt, camera.Id),
                On,
                Off,
                AvailabilityTopic(mqtt),
                Online,
                Offline,
                new Device([$"{node}_{camera.Id}"], camera.Name, "Camera dashboard", "Camera")),
            Json);
    }

    /// <summary>Topic-safe id of this dashboard (letters, digits, '_' and '-'), from its client id.</summary>
    public static string NodeId(MqttOptions mqtt)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        return new string([.. mqtt.ClientId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
    }

    private sealed record Sensor(
        string Name,
        string UniqueId,
        string DeviceClass,
        string StateTopic,
        string PayloadOn,
        string PayloadOff,
        string AvailabilityTopic,
        string PayloadAvailable,
        string PayloadNotAvailable,
        Device Device);

    private sealed record Device(string[] Identifiers, string Name, string Manufacturer, string Model);
}
