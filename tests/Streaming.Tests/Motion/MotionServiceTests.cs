using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Motion;

namespace Streaming.Tests.Motion;

public sealed class MotionServiceTests : IAsyncLifetime
{
    private readonly CameraFixture _cameras = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("motion-service-").FullName;
    private MotionService _motion = null!;

    private static readonly MotionSettings On = new() { Enabled = true };

    public async Task InitializeAsync()
    {
        var options = new MotionOptions { ClipDirectory = _folder, MinFreeBytes = 0 };
        _motion = new MotionService(_cameras.Registry, Microsoft.Extensions.Options.Options.Create(options), new ClipStorage(options), [], NullLoggerFactory.Instance);
        await _motion.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _motion.DisposeAsync();
        await _cameras.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ACameraWithDetectionOnKeepsCapturingWithNobodyWatching()
    {
        var camera = await _cameras.AddAsync(new CameraDefinition { Id = "porch", Motion = On });

        await Eventually.HoldsAsync(() => _cameras.Sources.Opened == 1, "the camera opened its source for detection alone");
        var subscriber = Assert.Single(camera.ReadStatistics().Subscribers);
        Assert.Equal(SubscriberKind.Motion, subscriber.Kind);
        Assert.True(_motion.StatusOf("porch").Enabled);
    }

    [Fact]
    public async Task ACameraWithoutDetectionHasNoMotionSubscriberAndStaysIdle()
    {
        var camera = await _cameras.AddAsync(new CameraDefinition { Id = "drive" });

        Assert.Equal(0, camera.SubscriberCount);
        Assert.Equal(0, _cameras.Sources.Opened);
        Assert.False(_motion.StatusOf("drive").Enabled);
    }

    [Fact]
    public async Task TurningDetectionOffEndsTheSubscriptionAndTellsWatchers()
    {
        var camera = await _cameras.AddAsync(new CameraDefinition { Id = "porch", Motion = On });
        await using var watch = _motion.WatchAsync("porch").GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());
        Assert.True(watch.Current.Enabled);

        await _cameras.Registry.AddOrUpdateAsync(new ConfiguredCamera(camera.Definition with { Motion = MotionSettings.Off }));

        await Eventually.HoldsAsync(() => camera.SubscriberCount == 0, "the motion subscriber left");
        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(watch.Current.Enabled);
    }

    [Fact]
    public async Task WatchersSeeMotionFromTheCamerasFrames()
    {
        await _cameras.AddAsync(new CameraDefinition { Id = "porch", Motion = On with { Sensitivity = 80 } });
        await using var watch = _motion.WatchAsync("porch").GetAsyncEnumerator();

        // Each frame is a different picture: a dark one, then light ones with the square somewhere else.
        var seen = Task.Run(async () =>
        {
            while (await watch.MoveNextAsync())
            {
                if (watch.Current.Moving)
                {
                    return watch.Current;
                }
            }

            return null;
        });
        // The source copies an emitted image when it reads it, so the images live until the end of the test.
        var images = new List<Mat>();
        for (var i = 0; !seen.IsCompleted && i < 200; i++)
        {
            var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(40));
            images.Add(image);
            Cv2.Rectangle(image, new Rect((i * 7) % 48, 10, 16, 16), Scalar.White, -1);
            _cameras.Sources.EmitImage(image);
            _cameras.Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(seen, Task.Delay(20));
        }

        var moving = await seen.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(moving);
        Assert.True(moving.Active);
        Assert.NotNull(moving.Region);
    }
}
