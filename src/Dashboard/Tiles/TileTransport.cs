namespace Dashboard.Tiles;

/// <summary>How the grid's tiles get their frames (both keep to one connection per page, see docs/architecture.md).</summary>
public enum TileTransport
{
    /// <summary>One WebSocket per page (<c>/ws/tiles</c>) carrying every tile's frames as binary messages.</summary>
    WebSocket,

    /// <summary>The Blazor circuit: each tile's component pushes frames to the browser through JS interop.</summary>
    Circuit,
}
