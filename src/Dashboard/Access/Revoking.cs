using MudBlazor;

namespace Dashboard.Access;

/// <summary>The one way the pages ask before revoking a secret someone uses (a share link, a token) and say how it went.</summary>
internal static class Revoking
{
    /// <summary>Asks "Revoke "name"? consequence"; true when the user chose Revoke.</summary>
    public static async Task<bool> ConfirmRevokeAsync(this IDialogService dialogs, string what, string name, string consequence) =>
        await dialogs.ShowMessageBoxAsync($"Revoke {what}", $"Revoke \"{name}\"? {consequence}", yesText: "Revoke", cancelText: "Cancel") == true;

    /// <summary>Says that it is revoked, or why not (a refusal also shows on the panel after its reload).</summary>
    public static void AddRevoked(this ISnackbar snackbar, ChangeResult revoked, string name)
    {
        if (revoked.Succeeded)
        {
            snackbar.Add($"Revoked \"{name}\"", Severity.Success);
        }
        else if (revoked.Status != ChangeStatus.Refused)
        {
            snackbar.Add(revoked.Message, Severity.Warning);
        }
    }
}
