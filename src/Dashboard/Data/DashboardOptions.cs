using System.ComponentModel.DataAnnotations;

namespace Dashboard.Data;

/// <summary>Where the dashboard keeps its state (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// Folder for the SQLite database and the sign-in key ring. Default: ~/.local/share/camera-dashboard
    /// (the systemd unit points it at /var/lib/camera-dashboard).
    /// </summary>
    [Required]
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "camera-dashboard");
}
