using Dashboard.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Nodes;

/// <summary>
/// Once listening, writes this node's name and address to the database (<c>Nodes:Address</c>, else the address it listens
/// on when that is a specific one) and tells the other nodes, which then show the cameras it captures through its feeds.
/// </summary>
internal sealed partial class NodeAnnouncer(
    IDbContextFactory<DashboardDbContext> contexts,
    DatabaseInitializer database,
    IServer server,
    IOptions<NodeOptions> options,
    IChangeBus changes,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<NodeAnnouncer> logger) : IHostedService
{
    private string Self => options.Value.Name;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        if (OwnAddress() is not { } address)
        {
            LogNoAddress(logger, Self);
            return;
        }

        try
        {
            await database.EnsureInitializedAsync(cancellationToken);
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var row = await db.ClusterNodes.FindAsync([Self], cancellationToken);
                if (row is null)
                {
                    db.ClusterNodes.Add(row = new ClusterNode { Name = Self, Address = address.ToString() });
                }

                row.Address = address.ToString();
                row.StartedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }

            await changes.PublishAsync(new NodeChange(NodeChangeKind.Resync, Self), cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or OperationCanceledException or System.Data.Common.DbException)
        {
            LogAnnounceFailed(logger, Self, e);
        }
    }

    private Uri? OwnAddress()
    {
        if (options.Value.Address is { } configured)
        {
            return configured;
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return listening
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is not null && uri.Host is not ("0.0.0.0" or "[::]" or "+" or "*" or "localhost"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} listens on no specific address and has no Nodes:Address: other nodes cannot show the cameras it captures")]
    private static partial void LogNoAddress(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} could not announce itself to the other nodes")]
    private static partial void LogAnnounceFailed(ILogger logger, string node, Exception exception);
}
