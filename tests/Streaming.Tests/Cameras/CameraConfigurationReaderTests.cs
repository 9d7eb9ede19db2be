using Streaming.Cameras;

namespace Streaming.Tests.Cameras;

public sealed class CameraConfigurationReaderTests
{
    [Fact]
    public void ReadsEveryCommonAndKindSpecificSetting()
    {
        var configuration = TestConfiguration.From(
            ("Cameras:0:Id", "pi"),
            ("Cameras:0:Name", "Pi camera"),
            ("Cameras:0:Kind", "command"),
            ("Cameras:0:Width", "1920"),
            ("Cameras:0:Height", "1080"),
            ("Cameras:0:Fps", "12.5"),
            ("Cameras:0:JpegQuality", "70"),
            ("Cameras:0:AlwaysOn", "true"),
            ("Cameras:0:Command", "sh"),
            ("Cameras:0:Arguments:0", "-c"),
            ("Cameras:0:Arguments:1", "exit 0"));

        var camera = Assert.Single(CameraConfigurationReader.Read(configuration));

        Assert.True(camera.IsValid, camera.Error);
        Assert.Equal(
            new CameraDefinition
            {
                Id = "pi",
                Name = "Pi camera",
                Kind = CameraKind.Command,
                Width = 1920,
                Height = 1080,
                Fps = 12.5,
                JpegQuality = 70,
                AlwaysOn = true,
                Command = "sh",
                Arguments = ["-c", "exit 0"],
            },
            camera.Definition);
    }

    [Fact]
    public void ReadsAnHttpCamerasUrlAndCredentials()
    {
        var configuration = TestConfiguration.From(
            ("Cameras:0:Id", "esp32"),
            ("Cameras:0:Kind", "Http"),
            ("Cameras:0:Url", "http://esp32-cam.local:81/stream"),
            ("Cameras:0:UserName", "admin"),
            ("Cameras:0:Password", "pw"));

        var camera = Assert.Single(CameraConfigurationReader.Read(configuration));

        Assert.True(camera.IsValid, camera.Error);
        Assert.Equal(("http://esp32-cam.local:81/stream", "admin", "pw"), (camera.Definition.Url, camera.Definition.UserName, camera.Definition.Password));
    }

    [Fact]
    public void UnknownKindIsAProblemOfThatCameraOnly()
    {
        var configuration = TestConfiguration.From(
            ("Cameras:0:Id", "good"),
            ("Cameras:1:Id", "odd"),
            ("Cameras:1:Kind", "Webcam"));

        var cameras = CameraConfigurationReader.Read(configuration);

        Assert.True(cameras[0].IsValid);
        Assert.Equal(
            "Camera 'odd': Kind 'Webcam' is not one of TestPattern, ImageSequence, OpenCv, Command, Http.",
            cameras[1].Error);
    }

    [Theory]
    [InlineData("Fps", "fast", "Camera 'c': Fps 'fast' is not a number.")]
    [InlineData("Fps", "-5", "Camera 'c': Fps must be greater than 0 and at most 120 (was -5).")]
    [InlineData("Width", "0", "Camera 'c': Width must be between 1 and 7680 (was 0).")]
    [InlineData("Height", "tall", "Camera 'c': Height 'tall' is not a whole number.")]
    [InlineData("AlwaysOn", "yes", "Camera 'c': AlwaysOn 'yes' is not true or false.")]
    [InlineData("Arguments", "-f mjpeg -", "Camera 'c': Arguments must be a list with one item per argument, not the single string '-f mjpeg -'.")]
    public void BadValuesAreReportedWithTheCameraAndTheSetting(string key, string value, string error)
    {
        var configuration = TestConfiguration.From(("Cameras:0:Id", "c"), ($"Cameras:0:{key}", value));

        var camera = Assert.Single(CameraConfigurationReader.Read(configuration));

        Assert.Equal(error, camera.Error);
    }

    [Fact]
    public void OtherKeysInTheCamerasSectionAreNotCameras()
    {
        var configuration = TestConfiguration.From(("Cameras:AllowCommandSourcesFromUi", "false"), ("Cameras:0:Id", "only"));

        Assert.Equal("only", Assert.Single(CameraConfigurationReader.Read(configuration)).Definition.Id);
    }

    [Fact]
    public void ReadsImageAdjustmentsDeviceControlsAndStoppedState()
    {
        var configuration = TestConfiguration.From(
            ("Cameras:0:Id", "porch"),
            ("Cameras:0:Enabled", "false"),
            ("Cameras:0:Image:Rotation", "180"),
            ("Cameras:0:Image:FlipHorizontal", "true"),
            ("Cameras:0:Image:Overlay", "BottomLeft"),
            ("Cameras:0:DeviceProperties:brightness", "40"),
            ("Cameras:0:DeviceProperties:gain", "loud"));

        var camera = Assert.Single(CameraConfigurationReader.Read(configuration));

        Assert.False(camera.Definition.Enabled);
        Assert.Equal(new Streaming.Imaging.ImageAdjustments { Rotation = Streaming.Imaging.Rotation.Half, FlipHorizontal = true, Overlay = Streaming.Imaging.OverlayPosition.BottomLeft }, camera.Definition.Image);
        Assert.Equal(40, camera.Definition.DeviceProperties["brightness"]);
        Assert.Equal("Camera 'porch': Device property 'gain' value 'loud' is not a number.", camera.Error);
    }
}
