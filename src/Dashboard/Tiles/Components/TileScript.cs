using Microsoft.JSInterop;

namespace Dashboard.Tiles.Components;

/// <summary>The tiles' ES module (<c>wwwroot/js/tiles.js</c>), imported once per circuit and shared by its tiles.</summary>
public sealed class TileScript(IJSRuntime js) : IAsyncDisposable
{
    public const string Path = "./js/tiles.js";

    private Task<IJSObjectReference>? _module;

    public Task<IJSObjectReference> GetAsync() => _module ??= js.InvokeAsync<IJSObjectReference>("import", Path).AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true } module)
        {
            try
            {
                await module.Result.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone and the page with it.
            }
        }
    }
}
