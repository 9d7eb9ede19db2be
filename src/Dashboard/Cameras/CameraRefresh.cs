using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>
/// The one way a page follows the cameras: it refreshes when cameras come, go or change (the registry's event)
/// and every <c>interval</c> for what changes on its own (state, capture rate, viewers). A component starts it
/// after its first render and disposes it with itself. (One camera's statistics stream through
/// <see cref="ICameraStatisticsSource"/> instead.)
/// </summary>
public sealed class CameraRefresh : IDisposable
{
    private readonly CameraRegistry _registry;
    private readonly Func<Task> _refresh;
    private readonly ITimer _timer;
    private int _disposed;

    public CameraRefresh(CameraRegistry registry, TimeProvider time, TimeSpan interval, Func<Task> refresh)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        _registry = registry;
        _refresh = refresh;
        registry.CamerasChanged += OnCamerasChanged;
        _timer = time.CreateTimer(_ => Run(), null, interval, interval);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _registry.CamerasChanged -= OnCamerasChanged;
            _timer.Dispose();
        }
    }

    private void OnCamerasChanged(object? sender, EventArgs e) => Run();

    private void Run()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _ = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await _refresh();
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between the tick and the render.
        }
    }
}
