using System.Globalization;
using System.Security.Claims;
using Dashboard.Cameras.Components;
using Dashboard.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Streaming.Http;

namespace Dashboard.Access.Sharing.Components;

/// <summary>
/// Share links of one camera. <see cref="ShareLinkService"/> checks the Operate policy on every call, so a
/// viewer who reaches this component anyway gets a refusal, not the links.
/// </summary>
public sealed partial class ShareLinksPanel : IAsyncDisposable
{
    private const string ScriptPath = "./Access/Sharing/Components/ShareLinksPanel.razor.js";

    private ClaimsPrincipal _actor = new();
    private IReadOnlyList<ShareLink>? _links;
    private CreatedShareLink? _created;
    private ChangeResult _result = ChangeResult.Done;
    private string? _refusal;
    private string _name = "";
    private string? _expires;
    private bool _busy;
    private IJSObjectReference? _script;

    [Inject]
    private ShareLinkService Links { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Parameter, EditorRequired]
    public string CameraId { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        _actor = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        await ReloadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_script is not null)
        {
            try
            {
                await _script.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }

    private string? Error(string field) => _result.ErrorFor(field);

    private string FeedUrl(CreatedShareLink created) => $"{Navigation.BaseUri}{FeedRoutes.Feed(CameraId)}?{DashboardSchemes.TokenParameter}={created.Token}";

    private string SnapshotUrl(CreatedShareLink created) => $"{Navigation.BaseUri}{FeedRoutes.Snapshot(CameraId)}?{DashboardSchemes.TokenParameter}={created.Token}";

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var expiresAt = await ExpiryAsync();
            if (expiresAt is { Error: { } expiryError })
            {
                _result = ChangeResult.Invalid(nameof(NewShareLink.ExpiresAt), expiryError);
                return;
            }

            var result = await Links.CreateAsync(_actor, new NewShareLink(CameraId, _name, expiresAt?.At));
            _result = result;
            if (result is { Status: ChangeStatus.Refused })
            {
                _refusal = result.Message;
            }
            else if (result.Value is { } created)
            {
                (_created, _name, _expires) = (created, "", null);
                await ReloadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RevokeAsync(ShareLink link)
    {
        if (!await Dialogs.ConfirmRevokeAsync("share link", link.Name, "Whoever uses it is cut off at once, and the link stops working for good."))
        {
            return;
        }

        _busy = true;
        try
        {
            var revoked = await Links.RevokeAsync(_actor, link.Id);
            Snackbar.AddRevoked(revoked, link.Name);
            if (_created?.Link.Id == link.Id)
            {
                _created = null;
            }

            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReloadAsync()
    {
        var links = await Links.ListAsync(_actor, CameraId);
        _links = links.Value ?? _links;
        _refusal = links.Succeeded ? null : links.Message;
    }

    /// <summary>The expiry field in UTC (converted by the browser, which knows its time zone); null when empty.</summary>
    private async Task<(DateTimeOffset? At, string? Error)?> ExpiryAsync()
    {
        if (string.IsNullOrWhiteSpace(_expires))
        {
            return null;
        }

        _script ??= await JS.InvokeAsync<IJSObjectReference>("import", ScriptPath);
        var utc = await _script.InvokeAsync<string?>("localToUtc", _expires);
        return DateTimeOffset.TryParse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at, null)
            : (null, "Enter a date and a time, or leave it empty.");
    }

    private async Task CopyAsync((string Label, string Value) line)
    {
        await using var clipboard = await JS.InvokeAsync<IJSObjectReference>("import", "./js/clipboard.js");
        if (await clipboard.InvokeAsync<bool>("copyText", line.Value))
        {
            Snackbar.Add($"{line.Label} copied", Severity.Success);
        }
        else
        {
            Snackbar.Add("The browser did not allow copying; select the text and copy it by hand.", Severity.Warning);
        }
    }

    private static string Expiry(ShareLink link, DateTimeOffset now) => link.ExpiresAt switch
    {
        null => "never",
        { } at when at > now => $"in {Format.Since(now, at)}",
        { } at => $"{Format.Since(at, now)} ago",
    };

    private static string Uses(ShareLink link, DateTimeOffset now) => link switch
    {
        { UseCount: 0 } => "never",
        { LastUsedAt: { } last } => $"{Times(link.UseCount)}, last {Format.Since(last, now)} ago",
        _ => Times(link.UseCount),
    };

    private static string Times(long count) =>
        count == 1 ? "once" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} times";

    private static Color StateColor(ShareLinkState state) => state switch
    {
        ShareLinkState.Active => Color.Success,
        ShareLinkState.Revoked => Color.Error,
        _ => Color.Default,
    };

    private static string? Utc(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
