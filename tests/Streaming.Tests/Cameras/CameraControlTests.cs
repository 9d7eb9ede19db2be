using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Cameras;
using Streaming.Imaging;

namespace Streaming.Tests.Cameras;

public sealed class CameraControlTests
{
    private static SubscriberInfo Viewer() => new() { Kind = SubscriberKind.Feed };

    private static Task<Camera> Reconfigure(CameraFixture fixture, CameraDefinition camera) =>
        fixture.Registry.AddOrUpdateAsync(new ConfiguredCamera(camera));

    [Fact]
    public async Task PassthroughCameraSwitchesToEncodingWhenATransformIsOnAndBackWhenOff()
    {
        await using var fixture = new CameraFixture();
        var definition = new CameraDefinition { Id = "pi" };
        var camera = await fixture.AddAsync(definition);
        await using var viewer = camera.Subscribe(Viewer());
        var jpeg = TestImages.Jpeg(64, 48);

        fixture.Sources.EmitJpeg(jpeg);
        Assert.Same(jpeg, TestImages.ArrayOf((await viewer.ReadAsync().Within())!.Data));
        Assert.Equal((0L, true), (camera.ReadStatistics().FramesEncoded, camera.ReadStatistics().Passthrough));

        await Reconfigure(fixture, definition with { Image = new ImageAdjustments { Rotation = Rotation.Clockwise90 } });
        fixture.Sources.EmitJpeg(jpeg);
        var turned = await viewer.ReadAsync().Within();
        Assert.Equal((48, 64), (TestImages.Decode(turned!.Data).Width, TestImages.Decode(turned.Data).Height));
        var statistics = camera.ReadStatistics();
        Assert.Equal((1L, 1L, false), (statistics.FramesEncoded, statistics.FramesDecoded, statistics.Passthrough));

        await Reconfigure(fixture, definition);
        fixture.Sources.EmitJpeg(jpeg);
        Assert.Same(jpeg, TestImages.ArrayOf((await viewer.ReadAsync().Within())!.Data));
        Assert.Equal(1, camera.ReadStatistics().FramesEncoded);
        Assert.Equal(1, fixture.Sources.Opened);
    }

    [Fact]
    public async Task LowerJpegQualityMakesSmallerFramesWithoutReopeningTheSource()
    {
        await using var fixture = new CameraFixture();
        var definition = new CameraDefinition { Id = "cam", JpegQuality = 95 };
        var camera = await fixture.AddAsync(definition);
        await using var viewer = camera.Subscribe(Viewer());
        using var scene = new Mat(240, 320, MatType.CV_8UC3);
        Cv2.Randu(scene, Scalar.All(0), Scalar.All(255));

        fixture.Sources.EmitImage(scene);
        var fine = await viewer.ReadAsync().Within();
        await Reconfigure(fixture, definition with { JpegQuality = 20 });
        fixture.Sources.EmitImage(scene);
        var coarse = await viewer.ReadAsync().Within();

        Assert.True(coarse!.Length < fine!.Length / 2, $"{coarse.Length} bytes at quality 20 vs {fine.Length} at 95");
        Assert.Equal(1, fixture.Sources.Opened);
    }

    [Fact]
    public async Task StoppedCameraReleasesItsSourceAndSaysSo()
    {
        await using var fixture = new CameraFixture();
        var definition = new CameraDefinition { Id = "cam" };
        var camera = await fixture.AddAsync(definition);
        await using var viewer = camera.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        await viewer.ReadAsync().Within();

        await Reconfigure(fixture, definition with { Enabled = false });

        await Eventually.HoldsAsync(() => camera.State == CameraState.Stopped && fixture.Sources.Disposed == 1, "the camera is stopped and the source released");
        var reading = viewer.ReadAsync().AsTask();
        await fixture.AdvanceUntilAsync(() => reading.IsCompleted, "a stopped card arrives");
        Assert.True((await reading)!.IsPlaceholder);

        await Reconfigure(fixture, definition);
        fixture.Sources.EmitImage();
        await Eventually.HoldsAsync(() => camera.State == CameraState.Streaming, "the camera streams again");
        Assert.Equal(2, fixture.Sources.Opened);
    }

    [Fact]
    public async Task StoppedCameraStaysStoppedWithNobodyWatching()
    {
        await using var fixture = new CameraFixture();

        var camera = await fixture.AddAsync(new CameraDefinition { Id = "cam", AlwaysOn = true, Enabled = false });

        Assert.Equal(CameraState.Stopped, camera.State);
        Assert.Equal(0, fixture.Sources.Created);
    }

    [Fact]
    public async Task DevicePropertiesAreSetWhenTheDeviceOpensAndChangedLive()
    {
        await using var fixture = new CameraFixture();
        fixture.Sources.Controls["brightness"] = 128;
        fixture.Sources.Controls["gain"] = 0;
        var definition = new CameraDefinition { Id = "cam", DeviceProperties = new Dictionary<string, double> { ["brightness"] = 90 } };
        var camera = await fixture.AddAsync(definition);
        await using var viewer = camera.Subscribe(Viewer());
        fixture.Sources.EmitImage();
        await viewer.ReadAsync().Within();

        Assert.Equal(90, fixture.Sources.Controls["brightness"]);
        var properties = await camera.DeviceControls!.ReadPropertiesAsync(CancellationToken.None);
        Assert.Equal(["brightness", "gain"], properties.Select(p => p.Name).Order());

        await Reconfigure(fixture, definition with { DeviceProperties = new Dictionary<string, double> { ["brightness"] = 90, ["gain"] = 40 } });

        Assert.Equal(40, fixture.Sources.Controls["gain"]);
        Assert.Equal(1, fixture.Sources.Opened);
        Assert.Equal("the device refused gain = 999", await camera.DeviceControls!.TrySetAsync("gain", 999, CancellationToken.None));
    }
}
