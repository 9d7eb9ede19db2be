using System.ComponentModel.DataAnnotations;

namespace Dashboard.Motion;

/// <summary>
/// Telling other systems about motion (section <c>Motion</c>, beside the detection settings): the dashboard's own
/// address for links, the webhooks and the MQTT broker. With a database these only seed it on the first start; from
/// then on the notifications page sets them (<see cref="NotificationSettings"/>). The retry settings, the client id
/// and the reconnect delay stay here. Secrets are never shown, logged or sent.
/// </summary>
public sealed class MotionAlertOptions
{
    public const string SectionName = "Motion";

    /// <summary>The dashboard's address as other systems reach it (e.g. <c>https://cams.example/</c>), for snapshot and clip links.</summary>
    public Uri? PublicUrl { get; set; }

    public IList<WebhookTarget> Webhooks { get; } = [];

    /// <summary>Tries per delivery (the first and the retries).</summary>
    [Range(1, 10)]
    public int WebhookAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; it doubles for each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan WebhookFirstRetry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public MqttOptions Mqtt { get; set; } = new();
}

/// <summary>One webhook: where event starts and ends are posted, and the secret their signature is made with.</summary>
public sealed class WebhookTarget
{
    /// <summary>The stored webhook's id (empty for one only in the configuration).</summary>
    public Guid Id { get; set; }

    /// <summary>Shown in the list of deliveries.</summary>
    public string Name { get; set; } = "";

    public Uri? Url { get; set; }

    /// <summary>Key of the HMAC-SHA256 in <c>X-Motion-Signature</c>; at least 16 characters. Write-only.</summary>
    public string Secret { get; set; } = "";
}

/// <summary>The MQTT broker motion is published to (off while <see cref="Host"/> is empty or <see cref="Enabled"/> is off).</summary>
public sealed class MqttOptions
{
    public bool Enabled { get; set; } = true;

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    public bool UseTls { get; set; }

    public string? UserName { get; set; }

    /// <summary>Write-only.</summary>
    public string? Password { get; set; }

    [Required]
    public string ClientId { get; set; } = "camera-dashboard";

    /// <summary>Topics of this dashboard: <c>{prefix}/status</c>, <c>{prefix}/{camera}/motion</c>, <c>{prefix}/{camera}/event</c>.</summary>
    [Required]
    [RegularExpression("^[^#+]+$")]
    public string TopicPrefix { get; set; } = "camera-dashboard";

    /// <summary>Home Assistant's discovery prefix.</summary>
    [Required]
    [RegularExpression("^[^#+]+$")]
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether to connect at all.</summary>
    public bool Active => Enabled && !string.IsNullOrWhiteSpace(Host);
}
