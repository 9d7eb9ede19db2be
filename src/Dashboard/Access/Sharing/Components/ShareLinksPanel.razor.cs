using System.Globalization;
using System.Security.Claims;
using Dashboard.Cameras.Components;
using Dashboard.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Streaming.Http;

namespace Dashboard.Access.Sharing.Components;

/// <summary>
/// Share links of one camera (<see cref="IssuedSecretsPanel{TSecret, TCreated}"/>). <see cref="ShareLinkService"/> checks
/// the Operate policy on every call, so a viewer who reaches this component anyway gets a refusal, not the links.
/// </summary>
public sealed partial class ShareLinksPanel : IAsyncDisposable
{
    private const string ScriptPath = "./Access/Sharing/Components/ShareLinksPanel.razor.js";

    private string? _expires;
    private IJSObjectReference? _script;

    [Inject]
    private ShareLinkService Links { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired]
    public string CameraId { get; set; } = "";

    protected override IssuedSecretService<ShareLink> Service => Links;

    protected override string OwnerId => CameraId;

    protected override string What => "share link";

    protected override string RevokeConsequence => "Whoever uses it is cut off at once, and the link stops working for good.";

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

    protected override async Task<ChangeResult<CreatedShareLink>> IssueAsync(ClaimsPrincipal actor)
    {
        var expiresAt = await ExpiryAsync();
        return expiresAt is { Error: { } expiryError }
            ? ChangeResult.Invalid(nameof(NewShareLink.ExpiresAt), expiryError).As<CreatedShareLink>()
            : await Links.CreateAsync(actor, new NewShareLink(CameraId, NewName, expiresAt?.At));
    }

    protected override ShareLink IssuedOf(CreatedShareLink created) => created.Link;

    protected override void ClearForm()
    {
        base.ClearForm();
        _expires = null;
    }

    private string FeedUrl(CreatedShareLink created) => $"{Navigation.BaseUri}{FeedRoutes.Feed(CameraId)}?{DashboardSchemes.TokenParameter}={created.Token}";

    private string SnapshotUrl(CreatedShareLink created) => $"{Navigation.BaseUri}{FeedRoutes.Snapshot(CameraId)}?{DashboardSchemes.TokenParameter}={created.Token}";

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
