using MudBlazor;

namespace Dashboard.Shell.Layout;

/// <summary>The product's colours (dark and light palettes).</summary>
internal static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#4db6ac",
            AppbarBackground = "#1e1e2d",
            Background = "#121218",
            Surface = "#1e1e2d",
            DrawerBackground = "#1a1a26",
        },
    };
}
