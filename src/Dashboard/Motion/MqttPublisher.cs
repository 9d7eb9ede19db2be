using System.Text;
using System.Text.Json;
using Streaming.Cameras;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>
/// Publishes motion to the MQTT broker the user named: Home Assistant discovery for each camera with detection on
/// (and an empty retained config for one that no longer has it, which removes the sensor), ON/OFF state, the
/// event as JSON, and this dashboard's availability (a last will says "offline"). Reconnects after a lost
/// connection, and when the broker settings change (<see cref="NotificationSettings"/>), and publishes everything again.
/// The MQTT client (<see cref="MqttBrokerClient"/>) is made when a broker is first set, not before.
/// </summary>
internal sealed partial class MqttPublisher(NotificationSettings settings, CameraRegistry cameras, TimeProvider time, ILogger<MqttPublisher> logger)
    : BackgroundService, IMotionEventSink
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
#pragma warning disable CA2213 // See Dispose.
    private readonly SemaphoreSlim _publish = new(1, 1);
    private readonly HashSet<string> _announced = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _changed = new(0);
#pragma warning restore CA2213
    private MqttOptions _mqtt = settings.Current.Mqtt;
    private MqttState _state = MqttState.Off;
    private volatile bool _reconnect;
    private MqttBrokerClient? _client;

    // The cameras with an open event, from the notices (this sink gets them from the start, connected or not).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _active = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Connected, or why not (no secrets: the broker's address and the error).</summary>
    public MqttState State => Volatile.Read(ref _state);

    /// <summary>Raised when <see cref="State"/> changes.</summary>
    public event EventHandler? StateChanged;

    /// <summary>Connects again now and publishes the discovery and states again (after the broker lost its retained messages).</summary>
    public void Reconnect()
    {
        _reconnect = true;
        _changed.Release();
    }

    public bool IsConnected => Volatile.Read(ref _client)?.IsConnected == true;

    public async Task HandleAsync(MotionNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Kind == MotionNoticeKind.Deleted)
        {
            return;
        }

        _active[notice.Event.CameraId] = notice.Kind == MotionNoticeKind.Started;
        var mqtt = Volatile.Read(ref _mqtt);
        if (!mqtt.Active || !IsConnected)
        {
            return;
        }

        var e = notice.Event;
        await PublishAsync(HomeAssistantDiscovery.StateTopic(mqtt, e.CameraId), notice.Kind == MotionNoticeKind.Started ? HomeAssistantDiscovery.On : HomeAssistantDiscovery.Off, retain: true, cancellationToken);
        var json = JsonSerializer.Serialize(new { type = notice.Kind == MotionNoticeKind.Started ? "motion.start" : "motion.end", eventId = e.Id, camera = e.CameraId, e.Start, e.End, e.PeakScore }, Json);
        await PublishAsync(HomeAssistantDiscovery.EventTopic(mqtt, e.CameraId), json, retain: false, cancellationToken);
    }

    public override void Dispose()
    {
        // The semaphores are not disposed: they never made a wait handle, and a camera change may still release one.
        Volatile.Read(ref _client)?.Dispose();
        base.Dispose();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        cameras.CamerasChanged -= OnChanged;
        settings.Changed -= OnChanged;
        await base.StopAsync(cancellationToken);
        await DisconnectAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        cameras.CamerasChanged += OnChanged;
        settings.Changed += OnChanged;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!SameBroker(settings.Current.Mqtt, _mqtt) || _reconnect)
                {
                    // Another broker (or the same asked again): say goodbye to the old one, then start over.
                    _reconnect = false;
                    await DisconnectAsync(stoppingToken);
                    Volatile.Write(ref _mqtt, settings.Current.Mqtt);
                }

                if (!_mqtt.Active)
                {
                    SetState(MqttState.Off);
                    await _changed.WaitAsync(stoppingToken);
                    continue;
                }

                if (!IsConnected)
                {
                    await ConnectAsync(stoppingToken);
                    LogConnected(logger, Endpoint);
                    _announced.Clear();
                    SetState(new MqttState(MqttConnection.Connected, Endpoint, null, time.GetUtcNow()));
                }

                await AnnounceAsync(stoppingToken);
                // Wake on a camera or settings change, or after the reconnect delay to check the connection.
                await _changed.WaitAsync(_mqtt.ReconnectDelay, stoppingToken);
            }
            catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested) || MqttBrokerClient.IsCommunicationFailure(e))
            {
                LogConnectionLost(logger, Endpoint, e);
                SetState(new MqttState(MqttConnection.Failed, Endpoint, e is OperationCanceledException ? "no answer in time" : e.Message, time.GetUtcNow()));
                await _changed.WaitAsync(_mqtt.ReconnectDelay, stoppingToken);
            }
        }
    }

    /// <summary>A clean goodbye: it sends no last will, so "offline" first.</summary>
    private async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is not { IsConnected: true } client)
        {
            return;
        }

        try
        {
            await PublishAsync(HomeAssistantDiscovery.AvailabilityTopic(_mqtt), HomeAssistantDiscovery.Offline, retain: true, cancellationToken);
            await client.DisconnectAsync(cancellationToken);
        }
        catch (Exception e) when (MqttBrokerClient.IsCommunicationFailure(e))
        {
            LogConnectionLost(logger, Endpoint, e);
        }
    }

    private static bool SameBroker(MqttOptions a, MqttOptions b) =>
        (a.Active, a.Host, a.Port, a.UseTls, a.UserName, a.Password, a.TopicPrefix, a.DiscoveryPrefix, a.ClientId)
        == (b.Active, b.Host, b.Port, b.UseTls, b.UserName, b.Password, b.TopicPrefix, b.DiscoveryPrefix, b.ClientId);

    private void SetState(MqttState state)
    {
        if (Volatile.Read(ref _state) is var current && current.Connection == state.Connection && current.Error == state.Error && current.Endpoint == state.Endpoint)
        {
            return;
        }

        Volatile.Write(ref _state, state);
        StateChanged?.Invoke(this, EventArgs.Empty);
    }

    private string Endpoint => $"{_mqtt.Host}:{_mqtt.Port}";

    private void OnChanged(object? sender, EventArgs e) => _changed.Release();

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is not { } client)
        {
            client = new MqttBrokerClient();
            Volatile.Write(ref _client, client);
        }

        await client.ConnectAsync(_mqtt, cancellationToken);
        await PublishAsync(HomeAssistantDiscovery.AvailabilityTopic(_mqtt), HomeAssistantDiscovery.Online, retain: true, cancellationToken);
    }

    /// <summary>Discovery and the current state for cameras with detection on; removal for those that lost it.</summary>
    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var watched = cameras.Cameras.Where(c => c.Definition.Motion.Enabled).ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var gone in _announced.Where(id => !watched.ContainsKey(id)).ToList())
        {
            await PublishAsync(HomeAssistantDiscovery.ConfigTopic(_mqtt, gone), [], retain: true, cancellationToken);
            _announced.Remove(gone);
        }

        foreach (var (id, camera) in watched)
        {
            if (_announced.Add(id))
            {
                await PublishAsync(HomeAssistantDiscovery.ConfigTopic(_mqtt, id), HomeAssistantDiscovery.Config(_mqtt, camera.Definition), retain: true, cancellationToken);
                var state = _active.GetValueOrDefault(id) ? HomeAssistantDiscovery.On : HomeAssistantDiscovery.Off;
                await PublishAsync(HomeAssistantDiscovery.StateTopic(_mqtt, id), state, retain: true, cancellationToken);
            }
        }
    }

    private Task PublishAsync(string topic, string payload, bool retain, CancellationToken cancellationToken) =>
        PublishAsync(topic, Encoding.UTF8.GetBytes(payload), retain, cancellationToken);

    private async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var client = Volatile.Read(ref _client) ?? throw new InvalidOperationException("Not connected to a broker.");
        await _publish.WaitAsync(cancellationToken);
        try
        {
            await client.PublishAsync(topic, payload, retain, cancellationToken);
        }
        finally
        {
            _publish.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the MQTT broker {Endpoint}")]
    private static partial void LogConnected(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker {Endpoint}: not connected; trying again")]
    private static partial void LogConnectionLost(ILogger logger, string endpoint, Exception exception);
}

/// <summary>Whether the publisher is connected.</summary>
public enum MqttConnection
{
    /// <summary>No broker set, or MQTT turned off.</summary>
    Off,
    Connected,

    /// <summary>Not connected; <see cref="MqttState.Error"/> says why, and it tries again.</summary>
    Failed,
}

/// <summary>The publisher's connection: to which broker (host:port), and the last error (never a credential).</summary>
public sealed record MqttState(MqttConnection Connection, string? Endpoint, string? Error, DateTimeOffset? Since)
{
    public static MqttState Off { get; } = new(MqttConnection.Off, null, null, null);
}
