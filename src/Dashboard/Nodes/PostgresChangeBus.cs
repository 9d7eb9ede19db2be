using System.Text.Json;
using Npgsql;

namespace Dashboard.Nodes;

/// <summary>
/// The nodes on one PostgreSQL database tell each other about changes with <c>NOTIFY</c> on one channel, and each
/// holds one connection that <c>LISTEN</c>s (PostgreSQL pushes the notification; nothing polls). A node ignores its
/// own notifications (it applied the change before publishing it). When the listening connection drops, the node
/// reconnects with a capped backoff and then reads everything again (<see cref="NodeChangeKind.Resync"/>), since
/// notifications sent meanwhile are lost.
/// </summary>
internal sealed partial class PostgresChangeBus(
    NpgsqlDataSource database,
    IServiceProvider services,
    TimeProvider time,
    ILogger<PostgresChangeBus> logger) : BackgroundService, IChangeBus
{
    public const string Channel = "dashboard_changes";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    // Tells this process's notifications from other nodes'.
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this node listens (a change published by another node before that is not seen).</summary>
    public Task Listening => _listening.Task;

    public async Task PublishAsync(NodeChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var payload = JsonSerializer.Serialize(new Message(_node, change.Kind, change.Id), MessageJson.Default.Message);
        await using var command = database.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Not OpenConnectionAsync: awaiting its ValueTask<NpgsqlConnection> would put an Npgsql type in this
                // method's state machine, which EF Core's migrations lookup loads with every type of this assembly, and
                // with it Npgsql into every SQLite dashboard (docs/benchmarks.md, "Footprint").
                await using var connection = database.CreateConnection();
                await connection.OpenAsync(stoppingToken);
                var received = System.Threading.Channels.Channel.CreateUnbounded<NodeChange>(new() { SingleReader = true });
                connection.Notification += (_, e) =>
                {
                    if (Parse(e.Payload) is { } change)
                    {
                        received.Writer.TryWrite(change);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _listening.TrySetResult();
                backoff = TimeSpan.FromMilliseconds(250);
                if (connectedBefore)
                {
                    received.Writer.TryWrite(new NodeChange(NodeChangeKind.Resync, ""));
                }

                connectedBefore = true;
                var applying = ApplyAllAsync(received.Reader, stoppingToken);
                try
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
                finally
                {
                    received.Writer.TryComplete();
                    await applying;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogListenFailed(logger, e.Message, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>
    /// Applies changes in the order they came, one at a time, off the connection's read loop. The handlers are resolved
    /// here, not injected: they use services that publish through this bus.
    /// </summary>
    private async Task ApplyAllAsync(System.Threading.Channels.ChannelReader<NodeChange> changes, CancellationToken cancellationToken)
    {
        var handlers = services.GetServices<INodeChangeHandler>().ToList();
        await foreach (var change in changes.ReadAllAsync(CancellationToken.None))
        {
            foreach (var handler in handlers)
            {
                try
                {
                    await handler.ApplyAsync(change, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogApplyFailed(logger, change.Kind, e);
                }
            }
        }
    }

    private NodeChange? Parse(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize(payload, MessageJson.Default.Message);
            return message is null || message.Node == _node ? null : new NodeChange(message.Kind, message.Id ?? "");
        }
        catch (JsonException)
        {
            return null; // Not ours (someone else notifying on the channel).
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for other nodes' changes ({Reason}); trying again in {Seconds} s")]
    private static partial void LogListenFailed(ILogger logger, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not apply another node's change ({Kind})")]
    private static partial void LogApplyFailed(ILogger logger, NodeChangeKind kind, Exception exception);

    internal sealed record Message(string Node, NodeChangeKind Kind, string? Id);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(PostgresChangeBus.Message))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class MessageJson : System.Text.Json.Serialization.JsonSerializerContext;
