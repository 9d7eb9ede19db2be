using Microsoft.JSInterop;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Dashboard.Tiles;

/// <summary>
/// The circuit transport for one tile: subscribes to the camera and hands each frame to <c>show</c>, which
/// pushes it through JS interop and completes once the browser has shown it. Frames that arrive meanwhile
/// replace each other in the subscription's one-slot mailbox, so a slow browser skips frames.
/// </summary>
public sealed partial class CircuitTileStreamer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private CircuitTileStreamer(Subscription subscription, Func<JpegFrame, CancellationToken, ValueTask> show, ILogger logger) =>
        _running = RunAsync(subscription, show, logger, _stop.Token);

    /// <summary>Subscribes now (the camera's statistics show the tile at once) and starts streaming.</summary>
    public static CircuitTileStreamer Start(
        Camera camera,
        SubscriberInfo viewer,
        FrameVariant variant,
        Func<JpegFrame, CancellationToken, ValueTask> show,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(show);
        return new CircuitTileStreamer(camera.Subscribe(viewer, variant), show, logger);
    }

    /// <summary>Stops streaming and unsubscribes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }

    private static async Task RunAsync(Subscription subscription, Func<JpegFrame, CancellationToken, ValueTask> show, ILogger logger, CancellationToken cancellation)
    {
        await using (subscription)
        {
            try
            {
                await Task.Yield();
                while (await subscription.ReadAsync(cancellation) is { } frame)
                {
                    await show(frame, cancellation);
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException)
            {
                // The circuit or the tile went away between two frames.
                LogStopped(logger, subscription.Info.Id, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Circuit tile {SubscriberId} stopped: {Message}")]
    private static partial void LogStopped(ILogger logger, string subscriberId, string message);
}
