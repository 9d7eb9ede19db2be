using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Dashboard.Access;
using Dashboard.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Nodes.Remote;

/// <summary>What an admin asks for: show the cameras of the dashboard at <see cref="Url"/>, read with <see cref="Token"/> (a machine token made there).</summary>
public sealed record NewRemoteDashboard(string Id, string Name, string Url, string Token);

/// <summary>
/// Links and unlinks remote dashboards (admins only, checked here whatever the page showed; every call answers a
/// <see cref="ChangeResult"/>). Linking first asks the edge for its cameras with the token, so a wrong address or
/// token is refused with the reason instead of stored.
/// </summary>
internal sealed partial class RemoteDashboardService(
    IDbContextFactory<DashboardDbContext> contexts,
    IAuthorizationService authorization,
    IHttpClientFactory clients,
    RemoteCameraSync sync,
    IChangeBus changes,
    TimeProvider time)
{
    private const string Refusal = "Only admins may link or unlink remote dashboards.";

    public async Task<ChangeResult<IReadOnlyList<RemoteDashboard>>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        if (await authorization.DemandAsync(actor, DashboardPolicies.Administer, Refusal) is { } refused)
        {
            return refused.As<IReadOnlyList<RemoteDashboard>>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return ChangeResult.Ok<IReadOnlyList<RemoteDashboard>>(await db.RemoteDashboards.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken));
    }

    /// <summary>Links the dashboard, or says per field (<see cref="NewRemoteDashboard"/>'s names; General for the edge's answer) why not.</summary>
    public async Task<ChangeResult> LinkAsync(ClaimsPrincipal actor, NewRemoteDashboard request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await authorization.DemandAsync(actor, DashboardPolicies.Administer, Refusal) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var id = request.Id?.Trim().ToLowerInvariant() ?? "";
        if (!IdPattern().IsMatch(id))
        {
            errors[nameof(NewRemoteDashboard.Id)] = $"Use 1-{RemoteDashboard.MaxIdLength} letters, digits or '-': it starts the ids of its cameras here.";
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors[nameof(NewRemoteDashboard.Name)] = "Enter a name of at most 100 characters, e.g. where it is.";
        }

        if (!Uri.TryCreate(request.Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0)
        {
            errors[nameof(NewRemoteDashboard.Url)] = "Enter the dashboard's address, e.g. http://shed-pi:5000/ (no user name or password in it).";
        }

        if (string.IsNullOrWhiteSpace(request.Token))
        {
            errors[nameof(NewRemoteDashboard.Token)] = "Paste a token made on that dashboard (its user page, Tokens).";
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (errors.Count == 0 && await db.RemoteDashboards.AnyAsync(r => r.Id == id, cancellationToken))
        {
            errors[nameof(NewRemoteDashboard.Id)] = $"'{id}' is linked already.";
        }

        if (errors.Count == 0 && await ProbeAsync(url!, request.Token.Trim(), cancellationToken) is { } refusal)
        {
            errors[ChangeResult.General] = refusal;
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors.Select(e => new SettingProblem(e.Key, e.Value)));
        }

        db.RemoteDashboards.Add(new RemoteDashboard
        {
            Id = id,
            Name = name,
            Url = url!.ToString(),
            ProtectedToken = sync.Protector.Protect(request.Token.Trim()),
            AddedBy = actor.Identity?.Name ?? "?",
            AddedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await AppliedAsync(id, cancellationToken);
        return ChangeResult.Done;
    }

    /// <summary>Unlinks a remote dashboard; its cameras leave this dashboard. NotFound if it was not linked.</summary>
    public async Task<ChangeResult> UnlinkAsync(ClaimsPrincipal actor, string id, CancellationToken cancellationToken = default)
    {
        if (await authorization.DemandAsync(actor, DashboardPolicies.Administer, Refusal) is { } refused)
        {
            return refused;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.RemoteDashboards.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return ChangeResult.NotFound($"'{id}' is not linked (any more).");
        }

        await AppliedAsync(id, cancellationToken);
        return ChangeResult.Done;
    }

    private async Task AppliedAsync(string id, CancellationToken cancellationToken)
    {
        await sync.SyncAllAsync(cancellationToken);
        await changes.PublishAsync(new NodeChange(NodeChangeKind.RemoteDashboardsChanged, id), cancellationToken);
    }

    /// <summary>Why the edge cannot be read with the token (null: it can).</summary>
    private async Task<string?> ProbeAsync(Uri url, string token, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(url.ToString().TrimEnd('/') + "/"), "api/cameras"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await clients.CreateClient(RemoteCameraSync.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode
                ? null
                : $"{url.GetLeftPart(UriPartial.Authority)} answered {(int)response.StatusCode} {response.ReasonPhrase}: check the address and that the token is active there.";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"{url.GetLeftPart(UriPartial.Authority)} could not be reached ({(e is OperationCanceledException ? "no answer within 10 seconds" : e.Message)}).";
        }
    }


    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,15}$")]
    private static partial Regex IdPattern();
}
