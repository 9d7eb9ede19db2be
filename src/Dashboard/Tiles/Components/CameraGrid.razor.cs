using Dashboard.Cameras;
using Microsoft.AspNetCore.Components;
using Streaming.Cameras;

namespace Dashboard.Tiles.Components;

/// <summary>
/// The home page's grid. Loads the user's choice of cameras and tile size, saves every change, and
/// re-renders once a second (state, fps and viewers of every tile) and whenever cameras come or go.
/// </summary>
public sealed partial class CameraGrid : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _saving = new(1, 1);
    private GridPreference? _preference;
    private string _userName = GridPreferences.AnonymousUser;
    private CameraRefresh? _refresh;
    private bool _disposed;

    [Inject]
    private CameraRegistry Registry { get; set; } = null!;

    [Inject]
    private GridPreferences Preferences { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    private IReadOnlyList<Camera> AllCameras => Registry.Cameras;

    private List<Camera> ShownCameras => [.. AllCameras.Where(c => _preference?.Shows(c.Id) != false)];

    private string SizeClass => $"tile-grid--{(_preference?.Size ?? TileSize.Medium).ToString().ToLowerInvariant()}";

    private string Caption => AllCameras.Count switch
    {
        0 => "",
        var all => $"{ShownCameras.Count} of {all} cameras",
    };

    public void Dispose()
    {
        _disposed = true;
        _refresh?.Dispose();

        // _saving is not disposed: a save still running may release it; it holds no wait handle.
    }

    protected override async Task OnInitializedAsync()
    {
        _userName = await ReadUserNameAsync();
        _preference = await Preferences.LoadAsync(_userName);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && !_disposed)
        {
            _refresh = new CameraRefresh(Registry, Time, RefreshInterval, () => InvokeAsync(StateHasChanged));
        }
    }

    private async Task<string> ReadUserNameAsync() =>
        (await ActorAsync()).Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : GridPreferences.AnonymousUser;

    private Task SetSizeAsync(TileSize size) => UpdateAsync(p => p with { Size = size });

    private Task SetShownAsync(CameraShown change) => UpdateAsync(p => p.WithCamera(change.CameraId, change.Shown));

    private Task ShowAllAsync() => UpdateAsync(p => p with { Hidden = [] });

    /// <summary>Shows the change at once, then remembers it (saves run one at a time, each with the newest choice).</summary>
    private async Task UpdateAsync(Func<GridPreference, GridPreference> change)
    {
        _preference = change(_preference ?? GridPreference.Default);
        StateHasChanged();
        await Task.Yield();
        await _saving.WaitAsync();
        try
        {
            await Preferences.SaveAsync(_userName, _preference);
        }
        finally
        {
            _saving.Release();
        }
    }
}
