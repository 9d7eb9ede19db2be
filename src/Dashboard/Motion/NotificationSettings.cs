using Microsoft.Extensions.Options;

namespace Dashboard.Motion;

/// <summary>Where motion is told to right now: the dashboard's public address, the webhooks (with their secrets) and the broker.</summary>
public sealed record NotificationTargets(Uri? PublicUrl, IReadOnlyList<WebhookTarget> Webhooks, MqttOptions Mqtt);

/// <summary>
/// The current <see cref="NotificationTargets"/>, for the webhook sender and the MQTT publisher, which follow
/// <see cref="Changed"/> without a restart. It starts from the configuration; with a database, the stored settings
/// replace it on start and whenever an admin (on this node or another) saves them.
/// </summary>
public sealed class NotificationSettings
{
    private readonly MotionAlertOptions _options;
    private NotificationTargets _current;

    public NotificationSettings(IOptions<MotionAlertOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _current = new(_options.PublicUrl, [.. _options.Webhooks], _options.Mqtt);
    }

    public NotificationTargets Current => Volatile.Read(ref _current);

    public event EventHandler? Changed;

    /// <summary>A broker from stored settings, with this node's client id and reconnect delay from the configuration.</summary>
    public MqttOptions Broker(bool enabled, string? host, int port, bool useTls, string? userName, string? password, string topicPrefix, string discoveryPrefix) => new()
    {
        Enabled = enabled,
        Host = host,
        Port = port,
        UseTls = useTls,
        UserName = userName,
        Password = password,
        TopicPrefix = topicPrefix,
        DiscoveryPrefix = discoveryPrefix,
        ClientId = _options.Mqtt.ClientId,
        ReconnectDelay = _options.Mqtt.ReconnectDelay,
    };

    internal void Apply(NotificationTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Volatile.Write(ref _current, targets);
        Changed?.Invoke(this, EventArgs.Empty);
    }
}
