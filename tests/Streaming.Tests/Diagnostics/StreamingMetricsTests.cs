using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Diagnostics;

namespace Streaming.Tests.Diagnostics;

public sealed class StreamingMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public StreamingMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StreamingMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // An observable counter reports its running total when collected; the others report each increment.
            var key = instrument.Name + string.Concat(tags.ToArray().Select(t => $"|{t.Key}={t.Value}"));
            _totals.AddOrUpdate(key, value, (_, total) => instrument.IsObservable ? value : total + value);
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task FramesCapturedSentAndSkippedAreCountedPerCameraAndKind()
    {
        var sources = new ScriptedSources();
        var metrics = new StreamingMetrics(_services.GetRequiredService<IMeterFactory>());
        await using var cameras = new CameraRegistry(sources, Options.Create(new StreamingOptions()), TimeProvider.System, NullLoggerFactory.Instance, metrics);
        var camera = await cameras.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "porch" }));
        await using var feed = camera.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Feed });
        await using var idle = camera.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Dashboard });

        for (var i = 0; i < 3; i++)
        {
            sources.EmitImage((byte)(i * 50));
            await feed.ReadAsync().Within();
        }

        _listener.RecordObservableInstruments();
        Assert.Equal(3, _totals["camera.frames.captured|camera=porch"]);
        Assert.Equal(3, _totals["camera.frames.encoded|camera=porch"]);
        Assert.Equal(3, _totals["camera.frames.sent|camera=porch|kind=feed"]);
        // The tile never reads, so everything but the newest picture it was offered is skipped; a "starting" card
        // may or may not have been among them, so the metric must agree with the subscriber's own count.
        var tile = camera.ReadStatistics().Subscribers.Single(s => s.Kind == SubscriberKind.Dashboard);
        Assert.True(tile.FramesSkipped >= 2, $"The tile skipped {tile.FramesSkipped} frames.");
        Assert.Equal(tile.FramesSkipped, _totals["camera.frames.skipped|camera=porch|kind=dashboard"]);
        Assert.True(_totals["camera.sent|camera=porch|kind=feed"] > 0);
    }
}
