using Dashboard.Tiles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Shell.Layout;

public sealed partial class MainLayout
{
    private const string ThemeKey = "theme";
    private bool _drawerOpen = true;
    private bool _darkMode = true;

    [Inject]
    private UserPreferenceStore Preferences { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync() =>
        _darkMode = await Preferences.LoadAsync(await UserNameAsync(), ThemeKey, true);

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleThemeAsync()
    {
        _darkMode = !_darkMode;
        await Preferences.SaveAsync(await UserNameAsync(), ThemeKey, _darkMode);
    }

    private async Task<string> UserNameAsync() =>
        AuthenticationState is null ? UserPreferenceStore.AnonymousUser
            : (await AuthenticationState).User.Identity?.Name ?? UserPreferenceStore.AnonymousUser;
}
