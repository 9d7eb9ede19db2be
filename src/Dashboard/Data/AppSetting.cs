namespace Dashboard.Data;

/// <summary>A small named fact about this installation (for example that the first-run seeding happened).</summary>
public sealed class AppSetting
{
    public const string CamerasSeeded = "cameras-seeded";

    public required string Key { get; set; }

    public string? Value { get; set; }
}
