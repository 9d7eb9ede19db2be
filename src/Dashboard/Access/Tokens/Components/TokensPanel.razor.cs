using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Access.Tokens.Components;

/// <summary>
/// One user's machine tokens. <see cref="MachineTokenService"/> checks on every call that the acting user is the owner or
/// an admin, so reaching this component for someone else's account gives a refusal, not the tokens.
/// </summary>
public sealed partial class TokensPanel
{
    private ClaimsPrincipal _actor = new();
    private IReadOnlyList<MachineToken>? _tokens;
    private CreatedMachineToken? _created;
    private ChangeResult _result = ChangeResult.Done;
    private string? _refusal;
    private string _name = "";
    private int _days;
    private bool _busy;

    [Inject]
    private MachineTokenService Tokens { get; set; } = default!;

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

    /// <summary>The owner's id.</summary>
    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    /// <summary>The owner's name, for the text when an admin looks at someone else's tokens.</summary>
    [Parameter]
    public string UserName { get; set; } = "";

    private bool Own => _actor.FindFirstValue(ClaimTypes.NameIdentifier) == UserId;

    protected override async Task OnParametersSetAsync()
    {
        _actor = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        await ReloadAsync();
    }

    private string? Error(string field) => _result.ErrorFor(field);

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var expiresAt = _days > 0 ? Time.GetUtcNow().AddDays(_days) : (DateTimeOffset?)null;
            var result = await Tokens.CreateAsync(_actor, new NewMachineToken(UserId, _name, expiresAt));
            _result = result;
            if (result is { Status: ChangeStatus.Refused })
            {
                _refusal = result.Message;
            }
            else if (result.Value is { } created)
            {
                (_created, _name, _days) = (created, "", 0);
                await ReloadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RevokeAsync(MachineToken token)
    {
        if (!await Dialogs.ConfirmRevokeAsync("token", token.Name, "What uses it is cut off at once, on every node, and the token stops working for good."))
        {
            return;
        }

        _busy = true;
        try
        {
            var revoked = await Tokens.RevokeAsync(_actor, token.Id);
            Snackbar.AddRevoked(revoked, token.Name);
            if (_created?.Token.Id == token.Id)
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
        var tokens = await Tokens.ListAsync(_actor, UserId);
        _tokens = tokens.Value ?? _tokens;
        _refusal = tokens.Succeeded ? null : tokens.Message;
    }

    private async Task CopyAsync((string Label, string Value) line)
    {
        await using var clipboard = await JS.InvokeAsync<IJSObjectReference>("import", "./js/clipboard.js");
        Snackbar.Add(
            await clipboard.InvokeAsync<bool>("copyText", line.Value) ? $"{line.Label} copied" : "The browser did not allow copying; select the text and copy it by hand.",
            Severity.Success);
    }

    private static string State(MachineToken token, DateTimeOffset now) =>
        token.RevokedAt is not null ? "Revoked" : token.ExpiresAt <= now ? "Expired" : "Active";
}
