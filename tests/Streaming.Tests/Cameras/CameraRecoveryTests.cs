using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Sources;

namespace Streaming.Tests.Cameras;

public sealed class CameraRecoveryTests
{
    private static SubscriberInfo Viewer() => new() { Kind = SubscriberKind.Feed };

    [Fact]
    public async Task FailingSourceIsReopenedAndSubscribersGetFramesAgain()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();
        await using var subscription = camera.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        await subscription.ReadAsync().Within();

        fixture.Sources.Fail("device unplugged");
        await Eventually.HoldsAsync(() => camera.State == CameraState.Reconnecting, "the camera is reconnecting");
        Assert.Contains("device unplugged", camera.Status.LastError, StringComparison.Ordinal);

        await fixture.AdvanceUntilAsync(() => fixture.Sources.Opened == 2, "the source is reopened after the backoff");
        fixture.Sources.EmitImage();

        await Eventually.HoldsAsync(() => camera.State == CameraState.Streaming, "the camera streams again");
        Assert.Null(camera.Status.LastError);
        Assert.Equal(1, camera.ReadStatistics().Reconnects);
        var frame = await subscription.ReadAsync().Within();
        while (frame!.IsPlaceholder)
        {
            frame = await subscription.ReadAsync().Within();
        }

        Assert.False(frame.IsPlaceholder);
    }

    [Fact]
    public async Task SubscribersSeeANoSignalCardWhileTheSourceIsDown()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();
        await using var subscription = camera.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        var live = await subscription.ReadAsync().Within();

        fixture.Sources.Fail("stream dropped");
        await Eventually.HoldsAsync(() => camera.State == CameraState.Reconnecting, "the camera is reconnecting");
        fixture.Sources.FailNextOpens(100);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var card = await subscription.ReadAsync().Within();

        Assert.True(card!.IsPlaceholder);
        Assert.True(card.Sequence > live!.Sequence);
        Assert.True(TestImages.IsCompleteJpeg(card.Data));
        Assert.NotEqual(default, TestImages.Decode(card.Data));
    }

    [Fact]
    public async Task BackoffGrowsExponentiallyUpToTheCap()
    {
        var options = new StreamingOptions
        {
            ReconnectInitialDelay = TimeSpan.FromSeconds(1),
            ReconnectMaxDelay = TimeSpan.FromSeconds(4),
        };
        await using var fixture = new CameraFixture(options);
        fixture.Sources.FailNextOpens(5);
        var camera = await fixture.AddAsync();
        await using var subscription = camera.Subscribe(Viewer());

        // Each failed open waits twice as long as the one before, capped: 1, 2, 4, 4, 4 s.
        await Eventually.HoldsAsync(() => fixture.Sources.Created == 1, "the first attempt");
        var delays = new List<double>();
        while (delays.Count < 5)
        {
            var before = fixture.Sources.Created;
            var waited = TimeSpan.Zero;
            await Eventually.HoldsAsync(() => camera.State == CameraState.Reconnecting, "the camera is reconnecting");
            await fixture.AdvanceUntilAsync(
                () =>
                {
                    if (fixture.Sources.Created > before)
                    {
                        return true;
                    }

                    waited += TimeSpan.FromMilliseconds(250);
                    return false;
                },
                "the next attempt",
                TimeSpan.FromMilliseconds(250));
            delays.Add(Math.Round(waited.TotalSeconds));
        }

        Assert.Equal([1, 2, 4, 4, 4], delays);
    }

    [Fact]
    public async Task FailingCameraLogsOnceForEachAttemptNotForEachHeartbeat()
    {
        var options = new StreamingOptions
        {
            ReconnectInitialDelay = TimeSpan.FromSeconds(1),
            ReconnectMaxDelay = TimeSpan.FromSeconds(4),
        };
        using var logs = new FakeLoggerProvider();
        using var loggers = new LoggerFactory([logs]);
        await using var fixture = new CameraFixture(options, loggers);
        fixture.Sources.FailNextOpens(4);
        var camera = await fixture.AddAsync();
        await using var subscription = camera.Subscribe(Viewer());

        // 1 + 2 + 4 + 4 s of failing, during which the subscriber gets a "no signal" card every second.
        var cards = 0;
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var card in subscription.ReadAllAsync(stop.Token))
            {
                Interlocked.Increment(ref cards);
            }
        });
        await fixture.AdvanceUntilAsync(() => fixture.Sources.Opened == 1, "the fifth attempt opens the source", TimeSpan.FromMilliseconds(250));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);

        var warnings = logs.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Warning).Select(r => r.Message).ToList();
        Assert.True(cards >= 5, $"{cards} cards while failing");
        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, message => Assert.Contains("device busy", message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SourceThatCannotWorkIsFailedNotRetriedAndLoggedWithoutAStackTrace()
    {
        using var logs = new FakeLoggerProvider();
        using var loggers = new LoggerFactory([logs]);
        var sources = new PermanentlyFailingSources("OpenCV is not available: no native library.");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var registry = new CameraRegistry(sources, Microsoft.Extensions.Options.Options.Create(new StreamingOptions()), time, loggers);
        var camera = await registry.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "cam" }));
        await using var subscription = camera.Subscribe(Viewer());

        // Half a minute of cards on the fake clock, far past the first backoffs (0.5, 1, 2, 4, 8 s): still one attempt.
        var cards = 0;
        var placeholders = true;
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var card in subscription.ReadAllAsync(stop.Token))
            {
                placeholders &= card.IsPlaceholder;
                Interlocked.Increment(ref cards);
            }
        });
        await Eventually.HoldsAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(250));
                return Volatile.Read(ref cards) >= 30;
            },
            "30 cards arrived");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);

        Assert.True(placeholders);
        await Eventually.HoldsAsync(() => camera.State == CameraState.Failed, "the camera is Failed");
        Assert.Equal("Camera 'cam': OpenCV is not available: no native library.", camera.Status.LastError);
        Assert.Equal(1, sources.Created);
        var warnings = logs.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Warning).ToList();
        Assert.Single(warnings);
        Assert.Null(warnings[0].Exception);
    }

    [Fact]
    public async Task CameraWithInvalidSettingsFailsWithAClearMessageAndShowsIt()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync(new CameraDefinition { Id = "bad", Fps = 0 });

        Assert.Equal(CameraState.Failed, camera.State);
        Assert.Equal("Camera 'bad': Fps must be greater than 0 and at most 120 (was 0).", camera.Status.LastError);

        await using var subscription = camera.Subscribe(Viewer());
        var reading = subscription.ReadAsync().AsTask();
        await fixture.AdvanceUntilAsync(() => reading.IsCompleted, "a card arrives");
        var card = await reading;
        Assert.True(card!.IsPlaceholder);
        Assert.Equal(0, fixture.Sources.Created);
    }

    [Fact]
    public async Task SourceThatStopsDeliveringIsTreatedAsFailed()
    {
        await using var fixture = new CameraFixture(new StreamingOptions { FrameTimeout = TimeSpan.FromSeconds(5) });
        var camera = await fixture.AddAsync();
        await using var subscription = camera.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        await subscription.ReadAsync().Within();

        await fixture.AdvanceUntilAsync(() => camera.State == CameraState.Reconnecting, "the silent source is given up", TimeSpan.FromSeconds(1));

        Assert.Equal("Camera 'cam': no frame for 5 s.", camera.Status.LastError);
    }

    [Fact]
    public async Task StreamingCameraRepeatsItsNewestFrameWhenTheSourceSendsNothingNew()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();
        await using var subscription = camera.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        var first = await subscription.ReadAsync().Within();

        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var repeated = await subscription.ReadAsync().Within();

        Assert.Same(first, repeated);
    }

    private sealed class PermanentlyFailingSources(string message) : IFrameSourceFactory
    {
        private int _created;

        public int Created => Volatile.Read(ref _created);

        public IFrameSource Create(CameraDefinition camera)
        {
            Interlocked.Increment(ref _created);
            throw new PermanentFrameSourceException(message);
        }
    }
}
