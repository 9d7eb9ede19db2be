using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Access;

/// <summary>
/// A component that acts as the signed-in user: the services it calls check that user's role themselves and answer a
/// <see cref="ChangeResult"/>, so all it needs is <see cref="ActorAsync"/>, a way to ask before a change that cannot be
/// undone (<see cref="ConfirmAsync"/>) and one to say how it went (<see cref="Tell"/>).
/// </summary>
public abstract class ActingUserComponent : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = default!;

    /// <summary>The signed-in user; an anonymous one (whom every service refuses) where no authentication state cascades.</summary>
    protected async Task<ClaimsPrincipal> ActorAsync() => AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;

    /// <summary>Asks <paramref name="question"/> with <paramref name="yes"/> and Cancel; true when the user chose <paramref name="yes"/>.</summary>
    protected async Task<bool> ConfirmAsync(string title, string question, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, question, yesText: yes, cancelText: "Cancel") == true;

    /// <summary>Says <paramref name="done"/> when the change succeeded, and why not otherwise (as an error unless <paramref name="failure"/> says).</summary>
    protected void Tell(ChangeResult result, string done, Severity failure = Severity.Error)
    {
        ArgumentNullException.ThrowIfNull(result);
        Snackbar.Add(result.Succeeded ? done : result.Message, result.Succeeded ? Severity.Success : failure);
    }
}
