using Dashboard.Motion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streaming;
using Streaming.Cameras;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

/// <summary>
/// The streaming library, motion detection and the alerts as the dashboard registers them, in a host of their own
/// with one slow test-pattern camera that has detection on and a clip folder of its own.
/// </summary>
internal sealed class MotionAlertsHost : IAsyncDisposable
{
    public const string CameraId = "porch";

    private readonly IHost _host;
    private readonly string _folder = Directory.CreateTempSubdirectory("motion-alerts-").FullName;

    private MotionAlertsHost(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Motion:ClipDirectory"] = _folder, ["Motion:MinFreeBytes"] = "0" });
        builder.Services.AddSingleton<ICameraCatalog>(new OneCamera());
        builder.AddStreaming();
        builder.AddMotion();
        builder.AddMotionAlerts();
        _host = builder.Build();
    }

    public IServiceProvider Services => _host.Services;

    public static async Task<MotionAlertsHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = new MotionAlertsHost(settings);
        try
        {
            await host._host.StartAsync();
            return host;
        }
        catch
        {
            await ((IAsyncDisposable)host._host).DisposeAsync();
            Directory.Delete(host._folder, recursive: true);
            throw;
        }
    }

    public static MotionNotice Notice(MotionNoticeKind kind, DateTimeOffset start, DateTimeOffset? end = null)
    {
        var id = Guid.CreateVersion7(start);
        return new(kind, new MotionEvent
        {
            Id = id,
            CameraId = CameraId,
            Start = start,
            End = end,
            PeakScore = 12.5,
            ThumbnailFile = $"{id:N}.jpg",
            ClipFile = $"{id:N}.avi",
        });
    }

    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await ((IAsyncDisposable)_host).DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Detection on, but no change is ever large enough: the tests make the events themselves.</summary>
    private static readonly MotionSettings NeverMoves = new() { Enabled = true, Sensitivity = 1, MinimumArea = 100 };

    private sealed class OneCamera : ICameraCatalog
    {
        public Task<IReadOnlyList<ConfiguredCamera>> LoadAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ConfiguredCamera>>(
                [new(new CameraDefinition { Id = CameraId, Name = "Front porch", Fps = 2, Width = 320, Height = 180, Motion = NeverMoves })]);
    }
}
