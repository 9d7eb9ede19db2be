using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Tests.Cameras;

public sealed class CameraLifecycleTests
{
    private static SubscriberInfo Viewer(string id = "v") => new() { Id = id, Kind = SubscriberKind.Feed };

    [Fact]
    public async Task CameraStaysIdleWithoutSubscribers()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();

        Assert.Equal(CameraState.Idle, camera.State);
        Assert.Equal(0, fixture.Sources.Created);
    }

    [Fact]
    public async Task FirstSubscriberStartsTheCaptureAndGetsFrames()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();

        await using var subscription = camera.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        var frame = await subscription.ReadAsync().Within();

        Assert.NotNull(frame);
        Assert.True(TestImages.IsCompleteJpeg(frame.Data));
        Assert.Equal(CameraState.Streaming, camera.State);
        Assert.Equal(1, fixture.Sources.Opened);
    }

    [Fact]
    public async Task FramesAreReadOnTheCamerasOwnThreadNotOnAPoolThread()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();

        await using var subscription = camera.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        Assert.NotNull(await subscription.ReadAsync().Within());

        var reader = fixture.Sources.ReadOn!;
        Assert.False(reader.IsThreadPoolThread);
        Assert.Equal("camera cam", reader.Name);
    }

    [Fact]
    public async Task CaptureLoopDoesNotCarryTheFirstSubscribersRequestContext()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();

        ScriptedSources.Ambient.Value = "request of the first viewer";
        await using var subscription = camera.Subscribe(Viewer());
        ScriptedSources.Ambient.Value = null;
        fixture.Sources.EmitImage();
        Assert.NotNull(await subscription.ReadAsync().Within());

        Assert.Equal(1, fixture.Sources.Opened);
        Assert.Null(fixture.Sources.AmbientAtOpen);
    }

    [Fact]
    public async Task EachFrameIsEncodedOnceHoweverManySubscribersWatch()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();
        var subscriptions = Enumerable.Range(0, 8).Select(i => camera.Subscribe(Viewer($"v{i}"))).ToList();

        for (var n = 0; n < 10; n++)
        {
            fixture.Sources.EmitImage((byte)(n * 20));
            var frames = new List<JpegFrame>();
            foreach (var subscription in subscriptions)
            {
                frames.Add((await subscription.ReadAsync().Within())!);
            }

            Assert.All(frames, f => Assert.Same(frames[0], f));
        }

        var statistics = camera.ReadStatistics();
        Assert.Equal(10, statistics.FramesCaptured);
        Assert.Equal(10, statistics.FramesEncoded);
        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }
    }

    [Fact]
    public async Task JpegFramesFromTheSourceAreNotReencoded()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();
        var jpeg = TestImages.Jpeg();
        await using var subscription = camera.Subscribe(Viewer());

        fixture.Sources.EmitJpeg(jpeg);
        var frame = await subscription.ReadAsync().Within();

        Assert.Same(jpeg, TestImages.ArrayOf(frame!.Data));
        Assert.Equal((1L, 0L), (camera.ReadStatistics().FramesCaptured, camera.ReadStatistics().FramesEncoded));
    }

    [Fact]
    public async Task CaptureStopsAfterTheIdleTimeoutAndStartsAgainForTheNextSubscriber()
    {
        await using var fixture = new CameraFixture(new StreamingOptions { IdleTimeout = TimeSpan.FromSeconds(10) });
        var camera = await fixture.AddAsync();
        var first = camera.Subscribe(Viewer("first"));
        fixture.Sources.EmitImage();
        await first.ReadAsync().Within();

        await first.DisposeAsync();
        fixture.Time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(0, fixture.Sources.Disposed);
        Assert.Equal(CameraState.Streaming, camera.State);

        fixture.Time.Advance(TimeSpan.FromSeconds(0.2));
        await Eventually.HoldsAsync(() => fixture.Sources.Disposed == 1 && camera.State == CameraState.Idle, "the source is released and the camera idle");
        Assert.Null(camera.LatestFrame);

        await using var second = camera.Subscribe(Viewer("second"));
        fixture.Sources.EmitImage();
        Assert.NotNull(await second.ReadAsync().Within());
        Assert.Equal(2, fixture.Sources.Opened);
    }

    [Fact]
    public async Task SubscriberReturningWithinTheIdleTimeoutKeepsTheSourceOpen()
    {
        var options = new StreamingOptions { IdleTimeout = TimeSpan.FromSeconds(10), FrameTimeout = TimeSpan.FromMinutes(5) };
        await using var fixture = new CameraFixture(options);
        var camera = await fixture.AddAsync();
        var first = camera.Subscribe(Viewer("first"));
        fixture.Sources.EmitImage();
        await first.ReadAsync().Within();
        await first.DisposeAsync();
        fixture.Time.Advance(TimeSpan.FromSeconds(5));

        await using var second = camera.Subscribe(Viewer("second"));
        fixture.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal((1, 0), (fixture.Sources.Opened, fixture.Sources.Disposed));
        Assert.NotNull(await second.ReadAsync().Within());
    }

    [Fact]
    public async Task AlwaysOnCameraCapturesWithoutSubscribers()
    {
        await using var fixture = new CameraFixture();

        var camera = await fixture.AddAsync(new CameraDefinition { Id = "rtsp", AlwaysOn = true });
        fixture.Sources.EmitImage();

        await Eventually.HoldsAsync(() => camera.State == CameraState.Streaming && camera.LatestFrame is not null, "the always-on camera streams");
        await using var viewer = camera.Subscribe(Viewer());
        Assert.Same(camera.LatestFrame, await viewer.ReadAsync().Within());
    }

    [Fact]
    public async Task RemovingACameraEndsItsSubscribersStreams()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync();
        await using var subscription = camera.Subscribe(Viewer());

        await fixture.Registry.RemoveAsync(camera.Id);

        Assert.Null(await subscription.ReadAsync().Within());
        Assert.Null(fixture.Registry.Find(camera.Id));
        await Eventually.HoldsAsync(() => fixture.Sources.Disposed == fixture.Sources.Created, "the source is released");
    }

    [Fact]
    public async Task ReconfiguringACameraKeepsItsSubscribersConnected()
    {
        await using var fixture = new CameraFixture();
        var camera = await fixture.AddAsync(new CameraDefinition { Id = "cam", Fps = 5 });
        await using var subscription = camera.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        await subscription.ReadAsync().Within();

        var same = await fixture.Registry.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "cam", Fps = 10 }));
        fixture.Sources.EmitImage();

        Assert.Same(camera, same);
        Assert.Equal(10, camera.Definition.Fps);
        Assert.NotNull(await subscription.ReadAsync().Within());
        Assert.Equal((2, 1), (fixture.Sources.Opened, fixture.Sources.Disposed));
    }

    [Fact]
    public async Task OtherCamerasKeepStreamingWhileOneIsChanged()
    {
        await using var fixture = new CameraFixture();
        var steady = await fixture.AddAsync(new CameraDefinition { Id = "steady" });
        await fixture.AddAsync(new CameraDefinition { Id = "changing" });
        await using var viewer = steady.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        await viewer.ReadAsync().Within();

        await fixture.Registry.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "changing", Width = 640, Height = 480 }));
        await fixture.Registry.RemoveAsync("changing");
        fixture.Sources.EmitImage();

        Assert.NotNull(await viewer.ReadAsync().Within());
        Assert.Equal(CameraState.Streaming, steady.State);
        Assert.Equal(1, fixture.Sources.Opened);
    }
}
