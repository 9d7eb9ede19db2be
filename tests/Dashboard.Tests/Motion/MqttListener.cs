using System.Collections.Concurrent;
using MQTTnet;

namespace Dashboard.Tests.Motion;

/// <summary>A client of a test broker that keeps every message it gets on the topics it subscribed to.</summary>
internal sealed class MqttListener : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private MqttListener() =>
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Messages.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? "", e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };

    public ConcurrentQueue<(string Topic, string Payload, bool Retained)> Messages { get; } = new();

    public static async Task<MqttListener> StartAsync(MosquittoBroker broker, string clientId, params string[] topics)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var listener = new MqttListener();
        await listener._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId(clientId).Build());
        var subscription = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in topics)
        {
            subscription = subscription.WithTopicFilter(topic);
        }

        await listener._client.SubscribeAsync(subscription.Build());
        return listener;
    }

    /// <summary>The last message on the topic, or null.</summary>
    public (string Topic, string Payload, bool Retained)? Last(string topic) =>
        Messages.Where(m => m.Topic == topic).Select(m => ((string, string, bool)?)m).LastOrDefault();

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }
}
