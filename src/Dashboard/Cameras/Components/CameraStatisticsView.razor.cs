using Microsoft.AspNetCore.Components;
using Streaming.Cameras;

namespace Dashboard.Cameras.Components;

public sealed partial class CameraStatisticsView : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private CameraStatistics? _statistics;
    private Task _watching = Task.CompletedTask;

    [Inject]
    private ICameraStatisticsSource Source { get; set; } = default!;

    [Parameter, EditorRequired]
    public string CameraId { get; set; } = "";

    [Parameter, EditorRequired]
    public RenderFragment<CameraStatistics> ChildContent { get; set; } = default!;

    /// <summary>Shown until the first statistics arrive.</summary>
    [Parameter]
    public RenderFragment? Loading { get; set; }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _watching = WatchAsync(_stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellation)
    {
        try
        {
            await foreach (var statistics in Source.WatchAsync(CameraId, cancellation))
            {
                _statistics = statistics;
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }
}
