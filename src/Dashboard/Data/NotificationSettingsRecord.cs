namespace Dashboard.Data;

/// <summary>
/// The one row of settings for telling other systems (besides the webhooks): the dashboard's public address for links
/// and the MQTT broker. The broker password is kept encrypted with the sign-in keys (Data Protection).
/// </summary>
public sealed class NotificationSettingsRecord
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public string? PublicUrl { get; set; }

    public bool MqttEnabled { get; set; }

    public string? MqttHost { get; set; }

    public int MqttPort { get; set; } = 1883;

    public bool MqttUseTls { get; set; }

    public string? MqttUserName { get; set; }

    /// <summary>The broker password, protected by Data Protection; null when none is set.</summary>
    public string? MqttProtectedPassword { get; set; }

    public required string MqttTopicPrefix { get; set; }

    public required string MqttDiscoveryPrefix { get; set; }
}
