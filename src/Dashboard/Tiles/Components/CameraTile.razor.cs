using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Dashboard.Tiles.Components;

/// <summary>
/// A live tile. Frames reach the picture without Blazor rendering: over the page's tile socket (tiles.js
/// asks for them) or, with the circuit transport, pushed by <see cref="CircuitTileStreamer"/> while tiles.js
/// reports the tile visible. The numbers below the picture are re-read whenever the grid re-renders.
/// </summary>
public sealed partial class CameraTile : ComponentBase, IAsyncDisposable
{
    private ElementReference _image;
    private ElementReference _picture;
    private IJSObjectReference? _module;
    private DotNetObjectReference<CameraTile>? _self;
    private CircuitTileStreamer? _streamer;
    private int _viewVersion;
    private bool _watching;
    private bool _disposed;

    [Parameter, EditorRequired]
    public Camera Camera { get; set; } = null!;

    /// <summary>The signed-in user, for the camera's viewer statistics (circuit transport).</summary>
    [Parameter]
    public string UserName { get; set; } = GridPreferences.AnonymousUser;

    [Parameter]
    public TileTransport Transport { get; set; }

    [Inject]
    private TileScript Script { get; set; } = null!;

    [Inject]
    private TileViewer Viewer { get; set; } = null!;

    [Inject]
    private ILogger<CameraTile> Logger { get; set; } = null!;

    private string Name => Camera.Definition.Name;

    private string CameraHref => $"cameras/{Uri.EscapeDataString(Camera.Id)}";

    private CameraState State => Camera.State;

    /// <summary>The last error, shown on hover while the camera is failed or reconnecting.</summary>
    private string? Error => Camera.Status is { State: CameraState.Failed or CameraState.Reconnecting, LastError: { Length: > 0 } error } ? error : null;

    private string Fps => Camera.ReadStatistics().CaptureFps.ToString("0.#", CultureInfo.InvariantCulture);

    private int Viewers => Camera.SubscriberCount;

    /// <summary>Called by tiles.js (circuit transport) when the tile comes into or leaves view, or enters full screen.</summary>
    [JSInvokable]
    public async Task SetView(bool visible, bool full)
    {
        var version = ++_viewVersion;
        var previous = _streamer;
        _streamer = null;
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }

        if (visible && !_disposed && version == _viewVersion)
        {
            _streamer = CircuitTileStreamer.Start(Camera, Viewer.Describe(UserName), full ? FrameVariant.Full : FrameVariant.Preview, ShowAsync, Logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _viewVersion++;
        if (_streamer is { } streamer)
        {
            _streamer = null;
            await streamer.DisposeAsync();
        }

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

        _self?.Dispose();
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

            if (Transport == TileTransport.Circuit)
            {
                _self = DotNetObjectReference.Create(this);
                await _module.InvokeVoidAsync("watchOverCircuit", _image, _self);
            }
            else
            {
                await _module.InvokeVoidAsync("watchOverSocket", _image, Camera.Id, TileSocketEndpoint.Path.TrimStart('/'));
            }

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

    /// <summary>Pushes one frame as binary (Blazor sends a byte[] argument without base64); completes once the browser has shown it.</summary>
    private ValueTask ShowAsync(JpegFrame frame, CancellationToken cancellation) =>
        _module!.InvokeVoidAsync("showFrame", cancellation, _image, frame.Data, TileFrameHeader.UnixMilliseconds(frame.CapturedAt));
}
