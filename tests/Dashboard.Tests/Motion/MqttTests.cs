using System.Text.Json;
using Dashboard.Motion;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

public sealed class MqttTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private MqttListener _listener = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _listener = await MqttListener.StartAsync(_broker, "test-listener", "homeassistant/#", "camera-dashboard/#");
    }

    public async Task DisposeAsync()
    {
        await _listener.DisposeAsync();
        _broker.Dispose();
    }

    private Dictionary<string, string?> Settings => new()
    {
        ["Motion:Mqtt:Host"] = "127.0.0.1",
        ["Motion:Mqtt:Port"] = _broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Motion:Mqtt:ReconnectDelay"] = "00:00:01",
    };

    private (string Topic, string Payload, bool Retained)? Last(string topic) => _listener.Last(topic);

    [Fact]
    public async Task MosquittoGetsHomeAssistantDiscoveryAndTheMotionStateOfACameraWithDetection()
    {
        await using var host = await MotionAlertsHost.StartAsync(Settings);
        const string config = "homeassistant/binary_sensor/camera-dashboard/porch_motion/config";
        await Eventually.HoldsAsync(() => Last(config) is not null && Last("camera-dashboard/porch/motion") is not null, "discovery and state were published");

        var discovery = Last(config)!.Value;
        using (var json = JsonDocument.Parse(discovery.Payload))
        {
            var sensor = json.RootElement;
            Assert.Equal("motion", sensor.GetProperty("device_class").GetString());
            Assert.Equal("camera-dashboard/porch/motion", sensor.GetProperty("state_topic").GetString());
            Assert.Equal("Front porch motion", sensor.GetProperty("name").GetString());
            Assert.Equal("camera-dashboard_porch_motion", sensor.GetProperty("unique_id").GetString());
            Assert.Equal("camera-dashboard/status", sensor.GetProperty("availability_topic").GetString());
            Assert.Equal("Front porch", sensor.GetProperty("device").GetProperty("name").GetString());
        }

        Assert.Equal("OFF", Last("camera-dashboard/porch/motion")!.Value.Payload);
        Assert.Equal("online", Last("camera-dashboard/status")!.Value.Payload);
        Assert.Equal(discovery.Payload, await RetainedAsync(config));

        var publisher = host.Services.GetRequiredService<MqttPublisher>();
        var start = DateTimeOffset.UtcNow;
        await publisher.HandleAsync(MotionAlertsHost.Notice(MotionNoticeKind.Started, start), CancellationToken.None);
        await Eventually.HoldsAsync(() => Last("camera-dashboard/porch/motion")?.Payload == "ON", "the state turned ON");
        await Eventually.HoldsAsync(() => Last("camera-dashboard/porch/event") is not null, "the event was published");
        Assert.Contains("\"type\":\"motion.start\"", Last("camera-dashboard/porch/event")!.Value.Payload, StringComparison.Ordinal);

        await publisher.HandleAsync(MotionAlertsHost.Notice(MotionNoticeKind.Ended, start, start.AddSeconds(3)), CancellationToken.None);
        await Eventually.HoldsAsync(() => Last("camera-dashboard/porch/motion")?.Payload == "OFF", "the state turned OFF");

        await host.StopAsync();
        await Eventually.HoldsAsync(() => Last("camera-dashboard/status")?.Payload == "offline", "the dashboard said it went offline");
    }

    /// <summary>What a client connecting now (Home Assistant after a restart) gets on the topic: its retained message.</summary>
    private async Task<string> RetainedAsync(string topic)
    {
        using var late = new MqttClientFactory().CreateMqttClient();
        var retained = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        late.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Retain)
            {
                retained.TrySetResult(e.ApplicationMessage.ConvertPayloadToString() ?? "");
            }

            return Task.CompletedTask;
        };
        await late.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("late-listener").Build());
        await late.SubscribeAsync(topic);
        var payload = await retained.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await late.DisconnectAsync();
        return payload;
    }
}
