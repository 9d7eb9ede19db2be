namespace Dashboard.Cameras;

/// <summary>What the dashboard may do with cameras (section <c>Cameras</c>, beside the camera list).</summary>
public sealed class CameraManagementOptions
{
    public const string SectionName = "Cameras";

    /// <summary>
    /// A Command camera runs a program on the server. Off (the default): such cameras are defined only in
    /// the configuration file. On: admins may also add them, and change their program, in the dashboard.
    /// </summary>
    public bool AllowCommandSourcesFromUi { get; set; }
}
