using System.Globalization;
using System.Security.Claims;
using Dashboard.Access.Users.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Access.Users.Pages;

/// <summary>
/// The admin's list of accounts with their actions. Every action goes through <see cref="UserAdministration"/>,
/// which checks the acting admin again on the server; this page only shows what it says.
/// </summary>
public sealed partial class UsersPage
{
    private IReadOnlyList<UserSummary>? _users;
    private ClaimsPrincipal _actor = new();
    private Notice? _message;
    private bool _busy;

    // Bumped on every reload, so a role picker whose change was refused shows the stored role again.
    private int _version;

    [Inject]
    private UserAdministration Administration { get; set; } = default!;

    [Inject]
    private IOptions<IdentityOptions> Identity { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _actor = await ActorAsync();
        await ReloadAsync();
    }

    private bool IsSelf(UserSummary user) =>
        user.Id == _actor.FindFirstValue(Identity.Value.ClaimsIdentity.UserIdClaimType);

    private async Task CreatedAsync(string userName)
    {
        _message = new Notice(Severity.Success, $"Created {userName}.");
        await ReloadAsync();
    }

    private Task SetRoleAsync(UserSummary user, string role) =>
        ChangeAsync(() => Administration.SetRoleAsync(_actor, user.Id, role), $"{user.UserName} is now {Article(role)} {role}.");

    private Task SetDisabledAsync(UserSummary user, bool disabled) =>
        ChangeAsync(
            () => Administration.SetDisabledAsync(_actor, user.Id, disabled),
            disabled ? $"Disabled {user.UserName}: signed out, streams ended, cannot sign in." : $"Enabled {user.UserName}.");

    private Task UnlockAsync(UserSummary user) =>
        ChangeAsync(() => Administration.UnlockAsync(_actor, user.Id), $"Unlocked {user.UserName}.");

    private async Task DeleteAsync(UserSummary user)
    {
        if (await ConfirmAsync("Delete user", $"Delete {user.UserName}? Their sessions and streams end now. This cannot be undone.", "Delete"))
        {
            await ChangeAsync(() => Administration.DeleteAsync(_actor, user.Id), $"Deleted {user.UserName}.");
        }
    }

    private async Task ResetPasswordAsync(UserSummary user)
    {
        var parameters = new DialogParameters<ResetPasswordDialog>
        {
            { d => d.Actor, _actor },
            { d => d.UserId, user.Id },
            { d => d.UserName, user.UserName },
        };
        var dialog = await Dialogs.ShowAsync<ResetPasswordDialog>($"New password for {user.UserName}", parameters);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            _message = new Notice(Severity.Success, $"Set a new password for {user.UserName}; their sessions ended.");
            await ReloadAsync();
        }
    }

    private async Task ChangeAsync(Func<Task<ChangeResult>> change, string done)
    {
        _busy = true;
        try
        {
            var result = await change();
            _message = result.Succeeded ? new Notice(Severity.Success, done) : new Notice(Severity.Error, result.Message);
        }
        finally
        {
            _busy = false;
        }

        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var users = await Administration.ListAsync(_actor);
        _users = users.Value ?? [];
        if (!users.Succeeded)
        {
            _message = new Notice(Severity.Error, users.Message);
        }

        _version++;
    }

    private static string Article(string role) => role is "Admin" or "Operator" ? "an" : "a";

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private sealed record Notice(Severity Severity, string Text);
}
