using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Dashboard.Data;
using Dashboard.Access;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Nodes.Remote;

/// <summary>What an admin asks for: show the cameras of the dashboard at <see cref="Url"/>, read with <see cref="Token"/> (a machine token made there).</summary>
public sealed record NewRemoteDashboard(string Id, string Name, string Url, string Token);

/// <summary>Done, or refused with messages by field (<see cref="NewRemoteDashboard"/>'s property names; "" for the request as a whole).</summary>
public sealed record RemoteDashboardChange(IReadOnlyDictionary<string, string> Errors)
{
    public static RemoteDashboardChange Done { get; } = new(new Dictionary<string, string>());

    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Links and unlinks remote dashboards (admins only, checked here whatever the page showed). Linking first asks the edge
/// for its cameras with the token, so a wrong address or token is refused with the reason instead of stored.
/// </summary>
internal sealed partial class RemoteDashboardService(
    IDbContextFactory<DashboardDbContext> contexts,
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    RemoteCameraSync sync,
    IChangeBus changes,
    TimeProvider time)
{
    /// <exception cref="UnauthorizedAccessException">The acting user is not an admin.</exception>
    public async Task<IReadOnlyList<RemoteDashboard>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await DemandAdminAsync(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RemoteDashboards.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
    }

    /// <exception cref="UnauthorizedAccessException">The acting user is not an admin.</exception>
    public async Task<RemoteDashboardChange> LinkAsync(ClaimsPrincipal actor, NewRemoteDashboard request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await DemandAdminAsync(actor);
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
            errors[""] = refusal;
        }

        if (errors.Count > 0)
        {
            return new RemoteDashboardChange(errors);
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
        return RemoteDashboardChange.Done;
    }

    /// <summary>Unlinks a remote dashboard; its cameras leave this dashboard. False if it was not linked.</summary>
    /// <exception cref="UnauthorizedAccessException">The acting user is not an admin.</exception>
    public async Task<bool> UnlinkAsync(ClaimsPrincipal actor, string id, CancellationToken cancellationToken = default)
    {
        await DemandAdminAsync(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.RemoteDashboards.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }

        await AppliedAsync(id, cancellationToken);
        return true;
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

    private async Task DemandAdminAsync(ClaimsPrincipal actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(actor, DashboardPolicies.Administer)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only admins may link or unlink remote dashboards.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,15}$")]
    private static partial Regex IdPattern();
}
