using System.Globalization;
using System.Net.Http.Headers;
using Dashboard.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Streaming.Cameras;

namespace Dashboard.Nodes.Remote;

/// <summary>
/// Keeps the cameras of linked remote dashboards in this dashboard: every <c>Nodes:RemoteRefresh</c> (and at once when an
/// admin links or unlinks one) it reads each edge's camera list with the edge's token, adds cameras the edge added and
/// removes those it removed. Each remote camera is an <c>Http</c> camera on the edge's feed, so however many watch it
/// here the edge serves one stream, and snapshots relay its frames. An edge that does not answer keeps its cameras:
/// their feeds show "no signal" cards until it is back, and the <c>Http</c> kind reconnects by itself. Only the edge's
/// own cameras are taken, not those it relays from dashboards it links itself (the API marks them <c>remote</c>).
/// </summary>
internal sealed partial class RemoteCameraSync(
    IDbContextFactory<DashboardDbContext> contexts,
    DatabaseInitializer database,
    CameraRegistry cameras,
    RemoteCameraDirectory directory,
    IHttpClientFactory clients,
    IDataProtectionProvider protection,
    IOptions<NodeOptions> options,
    ILogger<RemoteCameraSync> logger) : BackgroundService
{
    public const string ClientName = "Dashboard.RemoteDashboards";

    /// <summary>The user name the edge's token is sent with (the edge ignores it: the token says who).</summary>
    public const string TokenUserName = "token";

    private readonly SemaphoreSlim _wake = new(0, 1);

    internal IDataProtector Protector { get; } = protection.CreateProtector("Dashboard.Nodes.RemoteDashboards.v1");

    /// <summary>Reads every edge again now (an admin linked or unlinked one, here or on another node).</summary>
    public void Refresh()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.EnsureInitializedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await SyncAllAsync(stoppingToken);
            try
            {
                await _wake.WaitAsync(options.Value.RemoteRefresh, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task SyncAllAsync(CancellationToken cancellationToken)
    {
        List<RemoteDashboard> remotes;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            remotes = await db.RemoteDashboards.AsNoTracking().ToListAsync(cancellationToken);
        }

        foreach (var gone in directory.All.Where(c => !remotes.Any(r => r.Id == c.RemoteId)))
        {
            await RemoveAsync(gone.LocalId, cancellationToken);
        }

        await Task.WhenAll(remotes.Select(remote => SyncAsync(remote, cancellationToken)));
    }

    private async Task SyncAsync(RemoteDashboard remote, CancellationToken cancellationToken)
    {
        var address = new Uri(remote.Url.EndsWith('/') ? remote.Url : remote.Url + "/");
        var mine = directory.All.Where(c => c.RemoteId == remote.Id).ToList();
        string token;
        try
        {
            token = Protector.Unprotect(remote.ProtectedToken);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            LogTokenUnreadable(logger, remote.Id);
            return;
        }

        List<EdgeCamera>? listed;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "api/cameras"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            response.EnsureSuccessStatusCode();
            listed = await response.Content.ReadFromJsonAsync(EdgeCameraJson.Default.ListEdgeCamera, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            // Gone for now: keep its cameras (their feeds show cards) and say it is offline.
            LogEdgeUnreachable(logger, remote.Id, e.Message);
            foreach (var camera in mine)
            {
                directory.Set(camera with { EdgeOnline = false });
            }

            return;
        }

        // Only the edge's own cameras: one it relays from a dashboard it links is that dashboard's (taking it would make
        // two dashboards that link each other relay each other's relays, a longer id each round). A camera another node of
        // the edge's database captures is the edge's own: it is local to that site.
        var own = (listed ?? []).Where(e => e.Remote is null).ToList();
        foreach (var edge in own)
        {
            var localId = string.Create(CultureInfo.InvariantCulture, $"{remote.Id}-{edge.Id}");
            if (!CameraDefinitionValidator.IsValidId(localId))
            {
                LogIdTooLong(logger, remote.Id, edge.Id);
                continue;
            }

            if (cameras.Find(localId) is not null && !directory.IsRemote(localId))
            {
                LogIdTaken(logger, remote.Id, localId);
                continue;
            }

            directory.Set(new RemoteCamera(localId, remote.Id, remote.Name, address, edge.Id, edge.State, EdgeOnline: true));
            await cameras.AddOrUpdateAsync(new ConfiguredCamera(Definition(localId, remote, address, token, edge)), cancellationToken);
        }

        foreach (var removed in mine.Where(c => !own.Any(e => string.Equals($"{remote.Id}-{e.Id}", c.LocalId, StringComparison.OrdinalIgnoreCase))))
        {
            await RemoveAsync(removed.LocalId, cancellationToken);
        }
    }

    private async Task RemoveAsync(string localId, CancellationToken cancellationToken)
    {
        directory.Remove(localId);
        await cameras.RemoveAsync(localId, cancellationToken);
    }

    private CameraDefinition Definition(string localId, RemoteDashboard remote, Uri address, string token, EdgeCamera edge) => new()
    {
        Id = localId,
        Name = $"{edge.Name} ({remote.Name})",
        Kind = CameraKind.Http,
        Url = new Uri(address, string.Create(CultureInfo.InvariantCulture, $"video_feed/{Uri.EscapeDataString(edge.Id)}?client=hub%3A{Uri.EscapeDataString(options.Value.Name)}")).ToString(),
        UserName = TokenUserName,
        Password = token,
        Width = edge.Settings.Width,
        Height = edge.Settings.Height,
        Fps = edge.Settings.Fps is > 0 and <= 120 ? edge.Settings.Fps : 15,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Remote dashboard {Remote} did not answer ({Reason}); its cameras show as offline")]
    private static partial void LogEdgeUnreachable(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The token of remote dashboard {Remote} cannot be read with this node's keys: link it again")]
    private static partial void LogTokenUnreadable(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera} of remote dashboard {Remote} is not shown: its id here would be longer than 64 characters")]
    private static partial void LogIdTooLong(ILogger logger, string remote, string camera);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Remote dashboard {Remote}'s camera would be {Camera} here, which a local camera already is")]
    private static partial void LogIdTaken(ILogger logger, string remote, string camera);
}
