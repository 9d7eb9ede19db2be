using Streaming.Cameras;

namespace Dashboard.Tests.Tiles;

/// <summary>
/// The bUnit base of the tile components' tests: what they need (<see cref="TileTestServices"/>), with real cameras
/// that stay idle until something subscribes and an in-memory database, both disposed after the test.
/// </summary>
public abstract class TileContext : BunitDashboardContext
{
    private readonly InMemoryDashboardDb _db = new();

    protected TileContext() => Services.AddTiles(Registry, _db);

    internal CameraRegistry Registry { get; } = TileTestServices.NewRegistry();

    protected override async Task DisposeTestAsync()
    {
        await Registry.DisposeAsync();
        _db.Dispose();
    }
}
