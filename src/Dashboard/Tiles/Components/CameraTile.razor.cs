using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Streaming.Cameras;

namespace Dashboard.Tiles.Components;

/// <summary>
/// A live tile. Frames reach the picture without Blazor rendering, over the page's tile socket (tiles.js
/// asks for them while the tile is in view). The numbers below the picture are re-read whenever the grid re-renders.
/// </summary>
public sealed partial class CameraTile : ComponentBase, IAsyncDisposable
{
    private ElementReference _image;
    private ElementReference _picture;
    private IJSObjectReference? _module;
    private bool _watching;
    private bool _disposed;

    [Parameter, EditorRequired]
    public Camera Camera { get; set; } = null!;

    [Inject]
    private TileScript Script { get; set; } = null!;

    private string Name => Camera.Definition.Name;

    private string CameraHref => $"cameras/{Uri.EscapeDataString(Camera.Id)}";

    private CameraState State => Camera.State;

    /// <summary>The last error, shown on hover while the camera is failed or reconnecting.</summary>
    private string? Error => Camera.Status is { State: CameraState.Failed or CameraState.Reconnecting, LastError: { Length: > 0 } error } ? error : null;

    private string Fps => Camera.ReadStatistics().CaptureFps.ToString("0.#", CultureInfo.InvariantCulture);

    private int Viewers => Camera.SubscriberCount;

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is not null && _watching)
        {
            try
            {
                await _module.InvokeVoidAsync("unwatch", _image);
            }
            catch (JSDisconnectedException)
            {
                // The page is gone; so is the tile's script state.
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            _module = await Script.GetAsync();
            if (_disposed)
            {
                return;
            }

            await _module.InvokeVoidAsync("watchOverSocket", _image, Camera.Id, TileSocketEndpoint.Path.TrimStart('/'));
            _watching = true;
        }
        catch (JSDisconnectedException)
        {
            // The page closed before the tile started.
        }
    }

    private async Task ToggleFullscreenAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("toggleFullscreen", _picture);
        }
    }
}
