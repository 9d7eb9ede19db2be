using System.Data.Common;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Streaming.Cameras;

namespace Dashboard.Nodes;

/// <summary>
/// Renews this node's credential for the feeds of other nodes before it expires: every quarter of
/// <c>Nodes:PeerCredentialLifetime</c>, each camera here that reads another node's feed with a credential half way through
/// its lifetime is placed again from the database (<see cref="CameraPlacement"/>), so its <c>Http</c> source holds a
/// valid credential at its next connect. The new password reopens the source (a changed URL or credential is not a live
/// setting): viewers stay connected and miss the frames of one reconnect, once per half lifetime (12 h by default).
/// </summary>
internal sealed partial class PeerCredentialRenewal(
    IDbContextFactory<DashboardDbContext> contexts,
    DatabaseInitializer database,
    CameraRegistry cameras,
    CameraPlacement placement,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<PeerCredentialRenewal> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.EnsureInitializedAsync(stoppingToken);
        using var tick = new PeriodicTimer(options.Value.PeerCredentialLifetime / 4, time);
        while (await tick.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RenewDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogRenewFailed(logger, e.Message);
            }
        }
    }

    /// <summary>Places again every camera whose credential is due (<see cref="CameraPlacement.NeedsNewCredential"/>); answers how many.</summary>
    internal async Task<int> RenewDueAsync(CancellationToken cancellationToken)
    {
        var due = cameras.Cameras.Where(c => placement.NeedsNewCredential(c.Definition)).Select(c => c.Id).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Cameras.AsNoTracking().Where(c => due.Contains(c.Id)).ToListAsync(cancellationToken);
        foreach (var record in stored)
        {
            await cameras.AddOrUpdateAsync(await placement.PlaceAsync(record.ToDefinition(), cancellationToken), cancellationToken);
        }

        return stored.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew this node's credential for other nodes' feeds ({Reason}); trying again later")]
    private static partial void LogRenewFailed(ILogger logger, string reason);
}
