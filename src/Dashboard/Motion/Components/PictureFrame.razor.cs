using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Motion.Components;

/// <summary>
/// An overlay kept over the picture an <c>&lt;img&gt;</c> in the same box shows (<c>wwwroot/js/picture.js</c>), so
/// overlays (the motion outline, zones) use the picture's own 0-1 coordinates even when it is letterboxed.
/// Until the script has placed it, it covers the whole box.
/// </summary>
public sealed partial class PictureFrame : ComponentBase, IAsyncDisposable
{
    public const string ScriptPath = "./js/picture.js";

    private ElementReference _frame;
    private IJSObjectReference? _module;
    private bool _disposed;

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [Parameter]
    public string? Class { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    /// <summary>Where a pointer at client coordinates is on the picture (0-1 each), or null before the script runs.</summary>
    public async Task<Streaming.Motion.ZonePoint?> FractionAsync(double clientX, double clientY)
    {
        if (_module is null)
        {
            return null;
        }

        var xy = await _module.InvokeAsync<double[]?>("fraction", _frame, clientX, clientY);
        return xy is [var x, var y] ? new(x, y) : null;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("release", _frame);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is gone, and the script's state with it.
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
            var module = await JS.InvokeAsync<IJSObjectReference>("import", ScriptPath);
            if (_disposed)
            {
                await module.DisposeAsync();
                return;
            }

            _module = module;
            await module.InvokeVoidAsync("fit", _frame);
        }
        catch (JSDisconnectedException)
        {
            // The page closed before the frame was placed.
        }
    }
}
