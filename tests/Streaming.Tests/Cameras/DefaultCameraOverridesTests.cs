using Streaming.Cameras;

namespace Streaming.Tests.Cameras;

public sealed class DefaultCameraOverridesTests
{
    private static readonly ConfiguredCamera Pattern = new(new CameraDefinition { Id = "front", Name = "Front" });

    private static ConfiguredCamera Apply(params (string Key, string Value)[] variables) =>
        DefaultCameraOverrides.Apply(Pattern, TestConfiguration.From(variables));

    [Fact]
    public void WithoutVariablesTheCameraIsUnchanged() => Assert.Same(Pattern, Apply());

    [Theory]
    [InlineData("0", 0, null, null)]
    [InlineData("rtsp://cam.local/stream1", null, null, "rtsp://cam.local/stream1")]
    [InlineData("/videos/drive.mp4", null, "/videos/drive.mp4", null)]
    public void OpenCvSourceVariableSelectsDeviceUrlOrFile(string source, int? device, string? file, string? url)
    {
        var camera = Apply(("CAMERA", "opencv"), ("OPENCV_CAMERA_SOURCE", source)).Definition;

        Assert.Equal((CameraKind.OpenCv, device, file, url), (camera.Kind, camera.Device, camera.File, camera.Url));
        Assert.Equal("front", camera.Id);
    }

    [Fact]
    public void UnknownCameraVariableIsReportedNotThrown() =>
        Assert.Equal(
            "Camera 'front': Environment variable CAMERA='pi' is not one of opencv, testpattern, imagesequence, command.",
            Apply(("CAMERA", "pi")).Error);
}
