using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Diagnostics;
using Streaming.Sources;

namespace Streaming.Cameras;

/// <summary>
/// The cameras that exist right now. Cameras can be added, changed and removed while the app runs;
/// a change to one camera never touches the others.
/// </summary>
public sealed class CameraRegistry : IAsyncDisposable
{
    private readonly IFrameSourceFactory _sources;
    private readonly IOptions<StreamingOptions> _options;
    private readonly TimeProvider _time;
    private readonly StreamingMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _changes = new(1, 1);
    private ImmutableList<Camera> _cameras = [];

    public CameraRegistry(IFrameSourceFactory sources, IOptions<StreamingOptions> options, TimeProvider time, ILoggerFactory loggers, StreamingMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _sources = sources;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = loggers.CreateLogger<Camera>();
        metrics?.Observe(this);
    }

    /// <summary>Raised after a camera was added, changed or removed.</summary>
    public event EventHandler? CamerasChanged;

    public IReadOnlyList<Camera> Cameras => _cameras;

    /// <summary>The camera <c>/video_feed</c> serves without an id.</summary>
    public Camera? DefaultCamera => Find(_options.Value.DefaultCamera) ?? _cameras.FirstOrDefault();

    public Camera? Find(string? id) =>
        string.IsNullOrEmpty(id) ? null : _cameras.Find(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds a camera, or applies new settings to the camera with the same id.</summary>
    public async Task<Camera> AddOrUpdateAsync(ConfiguredCamera configured, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configured);
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (Find(configured.Definition.Id) is { } existing)
            {
                await existing.ReconfigureAsync(configured);
                CamerasChanged?.Invoke(this, EventArgs.Empty);
                return existing;
            }

            if (configured.Error is { } error)
            {
                LogInvalidCamera(error);
            }

            var camera = new Camera(configured, _sources, _options.Value, _time, _logger, _metrics);
            _cameras = _cameras.Add(camera);
            CamerasChanged?.Invoke(this, EventArgs.Empty);
            return camera;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Removes a camera; its viewers' streams end.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (Find(id) is not { } camera)
            {
                return false;
            }

            _cameras = _cameras.Remove(camera);
            await camera.DisposeAsync();
            CamerasChanged?.Invoke(this, EventArgs.Empty);
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Stops every camera, ending all streams and releasing devices and processes.</summary>
    public async ValueTask DisposeAsync()
    {
        var cameras = Interlocked.Exchange(ref _cameras, []);
        await Task.WhenAll(cameras.Select(c => c.DisposeAsync().AsTask()));
        _changes.Dispose();
    }

    private void LogInvalidCamera(string error) =>
#pragma warning disable CA1848, CA2254 // Rare, and the message is the whole point.
        _logger.LogError("{Error} The camera is shown as Failed; the others are not affected.", error);
#pragma warning restore CA1848, CA2254
}
