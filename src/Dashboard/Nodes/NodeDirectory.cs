using System.Collections.Concurrent;
using Dashboard.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Nodes;

/// <summary>
/// The nodes on this database and their addresses. Once listening, a node writes its name and address (<c>Nodes:Address</c>,
/// else the address it listens on when that is a specific one) and tells the others, which then show the cameras it
/// captures through its feeds.
/// </summary>
internal sealed partial class NodeDirectory(
    IDbContextFactory<DashboardDbContext> contexts,
    DatabaseInitializer database,
    IServer server,
    IOptions<NodeOptions> options,
    IChangeBus changes,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<NodeDirectory> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, Uri> _addresses = new(StringComparer.OrdinalIgnoreCase);

    public string Self => options.Value.Name;

    /// <summary>Where a node is reached, as it announced itself (null: it never started on this database).</summary>
    public async Task<Uri?> AddressOfAsync(string node, CancellationToken cancellationToken)
    {
        if (_addresses.TryGetValue(node, out var known))
        {
            return known;
        }

        await database.EnsureInitializedAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ClusterNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Name == node, cancellationToken);
        return stored is not null && Uri.TryCreate(stored.Address, UriKind.Absolute, out var address) ? _addresses[node] = address : null;
    }

    /// <summary>Forgets what was read, so the next look-up reads the database (another node announced itself).</summary>
    public void Forget() => _addresses.Clear();

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

            _addresses[Self] = address;
            await changes.PublishAsync(new NodeChange(NodeChangeKind.Resync, Self), cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or OperationCanceledException or Npgsql.NpgsqlException)
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
