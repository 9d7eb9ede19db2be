using System.ComponentModel.DataAnnotations;

namespace Dashboard.Tiles;

/// <summary>Live tiles of the camera grid (section <c>Dashboard:Tiles</c>).</summary>
public sealed class TileOptions
{
    public const string SectionName = "Dashboard:Tiles";

    /// <summary>Most tiles one page may watch over one socket; tile numbers run from 0 to this minus one.</summary>
    [Range(1, 1024)]
    public int MaxTilesPerSocket { get; set; } = 64;

    /// <summary>Largest message a page may send on the tile socket (they are a few dozen bytes of JSON).</summary>
    [Range(256, 65536)]
    public int MaxMessageBytes { get; set; } = 4096;
}
