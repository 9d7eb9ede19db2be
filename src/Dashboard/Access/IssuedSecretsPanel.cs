using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Access;

/// <summary>
/// What the share-links and tokens panels share: the owner's secrets listed, a new one made from the form and shown
/// once (<see cref="Created"/>), one revoked after confirming, a line copied. The service checks the acting user on
/// every call, so whoever reaches a panel anyway gets its refusal (<see cref="Refusal"/>), not the secrets.
/// </summary>
public abstract class IssuedSecretsPanel<TSecret, TCreated> : ActingUserComponent
    where TSecret : IssuedSecret
    where TCreated : class
{
    private ChangeResult _result = ChangeResult.Done;

    [Inject]
    protected IJSRuntime JS { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    /// <summary>The signed-in user, as of the last parameters.</summary>
    protected ClaimsPrincipal Actor { get; private set; } = new();

    /// <summary>The owner's secrets, newest first; null until the first answer.</summary>
    protected IReadOnlyList<TSecret>? Secrets { get; private set; }

    /// <summary>The one just made, with its secret, until the user is done with it.</summary>
    protected TCreated? Created { get; set; }

    /// <summary>The service's refusal; the panel then shows only this.</summary>
    protected string? Refusal { get; private set; }

    /// <summary>The name field of the form.</summary>
    protected string NewName { get; set; } = "";

    protected bool Busy { get; private set; }

    /// <summary>The service of these secrets (listing and revoking are the same for all).</summary>
    protected abstract IssuedSecretService<TSecret> Service { get; }

    /// <summary>Whose secrets the panel shows: the camera's, the user's.</summary>
    protected abstract string OwnerId { get; }

    /// <summary>The secret's name in the revoke question: "share link".</summary>
    protected abstract string What { get; }

    /// <summary>What revoking does to whoever uses it, for the revoke question.</summary>
    protected abstract string RevokeConsequence { get; }

    protected override async Task OnParametersSetAsync()
    {
        Actor = await ActorAsync();
        await ReloadAsync();
    }

    /// <summary>Asks the service for a new secret from the form's fields.</summary>
    protected abstract Task<ChangeResult<TCreated>> IssueAsync(ClaimsPrincipal actor);

    protected abstract TSecret IssuedOf(TCreated created);

    /// <summary>Empties the form after a secret was made.</summary>
    protected virtual void ClearForm() => NewName = "";

    protected string? Error(string field) => _result.ErrorFor(field);

    protected async Task CreateAsync()
    {
        Busy = true;
        try
        {
            var result = await IssueAsync(Actor);
            _result = result;
            if (result is { Status: ChangeStatus.Refused })
            {
                Refusal = result.Message;
            }
            else if (result.Value is { } created)
            {
                Created = created;
                ClearForm();
                await ReloadAsync();
            }
        }
        finally
        {
            Busy = false;
        }
    }

    protected async Task RevokeAsync(TSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!await ConfirmAsync($"Revoke {What}", $"Revoke \"{secret.Name}\"? {RevokeConsequence}", "Revoke"))
        {
            return;
        }

        Busy = true;
        try
        {
            var revoked = await Service.RevokeAsync(Actor, secret.Id);
            if (revoked.Status != ChangeStatus.Refused)
            {
                // A refusal shows on the panel after the reload.
                Tell(revoked, $"Revoked \"{secret.Name}\"", Severity.Warning);
            }

            if (Created is { } created && IssuedOf(created).Id == secret.Id)
            {
                Created = null;
            }

            await ReloadAsync();
        }
        finally
        {
            Busy = false;
        }
    }

    protected async Task CopyAsync((string Label, string Value) line)
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

    private async Task ReloadAsync()
    {
        var secrets = await Service.ListAsync(Actor, OwnerId);
        Secrets = secrets.Value ?? Secrets;
        Refusal = secrets.Succeeded ? null : secrets.Message;
    }
}
