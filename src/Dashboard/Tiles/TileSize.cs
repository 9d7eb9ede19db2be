namespace Dashboard.Tiles;

/// <summary>How wide the grid's tiles are (the grid fits as many columns as the screen allows).</summary>
public enum TileSize
{
    Small,
    Medium,
    Large,
}
