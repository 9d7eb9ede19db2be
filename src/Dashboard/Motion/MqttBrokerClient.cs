using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Dashboard.Motion;

/// <summary>
/// The one place MQTTnet is used: a connection to one broker with this dashboard's last will, and publishing with
/// at-least-once delivery. <see cref="MqttPublisher"/> makes it only once a broker is set, so a dashboard without MQTT
/// never loads MQTTnet. No method here is <c>async</c>: an async state machine awaiting MQTTnet's result types would
/// load MQTTnet as soon as EF Core's migrations lookup enumerates this assembly's types at the start.
/// </summary>
internal sealed class MqttBrokerClient : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public bool IsConnected => _client.IsConnected;

    /// <summary>Whether <paramref name="exception"/> is MQTTnet saying the broker cannot be reached or dropped the connection.</summary>
    public static bool IsCommunicationFailure(Exception exception) => exception is MqttCommunicationException;

    public Task ConnectAsync(MqttOptions mqtt, CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Host, mqtt.Port)
            .WithClientId(mqtt.ClientId)
            .WithCleanSession()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(HomeAssistantDiscovery.AvailabilityTopic(mqtt))
            .WithWillPayload(Encoding.UTF8.GetBytes(HomeAssistantDiscovery.Offline))
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!string.IsNullOrEmpty(mqtt.UserName))
        {
            builder = builder.WithCredentials(mqtt.UserName, mqtt.Password);
        }

        if (mqtt.UseTls)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls());
        }

        return _client.ConnectAsync(builder.Build(), cancellationToken);
    }

    public Task DisconnectAsync(CancellationToken cancellationToken) =>
        _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);

    public Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return _client.PublishAsync(message, cancellationToken);
    }

    public void Dispose() => _client.Dispose();
}
