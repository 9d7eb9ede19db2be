using Microsoft.AspNetCore.Components;
using Streaming.Motion;

namespace Dashboard.Motion.Components;

/// <summary>
/// Shows a camera's motion live: subscribes to its state after the first render (each check that changes it,
/// at most five a second) and re-renders itself only; nothing is shown for a camera without detection.
/// </summary>
public sealed partial class MotionBadge : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private MotionStatus? _status;

    [Parameter, EditorRequired]
    public string CameraId { get; set; } = "";

    /// <summary>The camera's name, for the badge's accessible label.</summary>
    [Parameter]
    public string Name { get; set; } = "";

    [Inject]
    private MotionService Motion { get; set; } = null!;

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = WatchAsync(_stop.Token);
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var status in Motion.WatchAsync(CameraId, cancellationToken))
            {
                var changed = _status is null || status.Active != _status.Active || status.Moving != _status.Moving || status.Region != _status.Region || status.Enabled != _status.Enabled;
                _status = status;
                if (changed)
                {
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The component left the page.
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended while a render was queued.
        }
    }
}
