namespace Dashboard.Tiles;

/// <summary>
/// One user's grid: which cameras it hides (so a newly added camera shows up by default) and the tile size.
/// </summary>
public sealed record GridPreference
{
    public static GridPreference Default { get; } = new();

    public IReadOnlyList<string> Hidden { get; init; } = [];

    public TileSize Size { get; init; } = TileSize.Medium;

    public bool Shows(string cameraId) => !Hidden.Contains(cameraId, StringComparer.OrdinalIgnoreCase);

    /// <summary>A copy that shows or hides one camera.</summary>
    public GridPreference WithCamera(string cameraId, bool shown) => this with
    {
        Hidden = shown
            ? [.. Hidden.Where(id => !string.Equals(id, cameraId, StringComparison.OrdinalIgnoreCase))]
            : [.. Hidden.Where(id => !string.Equals(id, cameraId, StringComparison.OrdinalIgnoreCase)), cameraId],
    };
}
