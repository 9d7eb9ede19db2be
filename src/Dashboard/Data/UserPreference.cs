namespace Dashboard.Data;

/// <summary>A remembered choice of one user (theme, which cameras the grid shows, tile size), as JSON.</summary>
public sealed class UserPreference
{
    public required string UserName { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
