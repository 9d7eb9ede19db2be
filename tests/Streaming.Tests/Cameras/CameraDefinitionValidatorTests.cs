using Streaming.Cameras;

namespace Streaming.Tests.Cameras;

public sealed class CameraDefinitionValidatorTests
{
    private static string Problems(CameraDefinition camera) =>
        string.Join(" | ", CameraDefinitionValidator.Validate(camera).Select(p => $"{p.Setting}: {p.Message}"));

    [Fact]
    public void DefaultTestPatternCameraIsValid() =>
        Assert.Empty(CameraDefinitionValidator.Validate(new CameraDefinition { Id = "front-door" }));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("../etc")]
    public void IdsMustBeSafeInUrls(string id) =>
        Assert.StartsWith("Id: ", Problems(new CameraDefinition { Id = id }), StringComparison.Ordinal);

    [Fact]
    public void NameLongerThan100CharactersIsRefused()
    {
        Assert.Equal("Name: Name must be at most 100 characters (was 101).", Problems(new CameraDefinition { Id = "c", Name = new string('n', 101) }));
        Assert.Empty(CameraDefinitionValidator.Validate(new CameraDefinition { Id = "c", Name = new string('n', 100) }));
    }

    [Fact]
    public void StreamUrlWhosePasswordHoldsAnAtIsValidAsFFmpegReadsItUpToTheLastAt() =>
        Assert.Empty(CameraDefinitionValidator.Validate(new CameraDefinition { Id = "c", Kind = CameraKind.OpenCv, Url = "rtsp://admin:p@ss@192.168.1.20/x?user=admin&pwd=secret" }));

    [Fact]
    public void DeviceThatDoesNotExistIsNamed() =>
        Assert.Equal(
            "Device: Device 57 does not exist (no /dev/video57).",
            Problems(new CameraDefinition { Id = "c", Kind = CameraKind.OpenCv, Device = 57 }));

    [Fact]
    public void MissingVideoFileIsNamed() =>
        Assert.Equal(
            "File: File '/nowhere/clip.avi' does not exist.",
            Problems(new CameraDefinition { Id = "c", Kind = CameraKind.OpenCv, File = "/nowhere/clip.avi" }));

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://camera/stream")]
    [InlineData("rtsp://")]
    public void UnparsableStreamUrlIsNamed(string url) =>
        Assert.StartsWith("Url: Url '", Problems(new CameraDefinition { Id = "c", Kind = CameraKind.OpenCv, Url = url }), StringComparison.Ordinal);

    [Fact]
    public void CredentialsInABadUrlAreNotRepeatedInTheMessage()
    {
        var message = Problems(new CameraDefinition { Id = "c", Kind = CameraKind.OpenCv, Url = "ftp://admin:hunter2@cam/x" });

        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
        Assert.Contains("ftp://***@cam/x", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Url: An Http camera needs Url (an MJPEG stream or a snapshot URL, http:// or https://).")]
    [InlineData("rtsp://cam/1", "Url: Url 'rtsp://cam/1' is not an http:// or https:// URL.")]
    [InlineData("cam:81/stream", "Url: Url 'cam:81/stream' is not an http:// or https:// URL.")]
    [InlineData("http://admin:hunter2@/x", "Url: Url 'http://***@/x' is not an http:// or https:// URL.")]
    public void HttpNeedsAnHttpUrl(string? url, string problem) =>
        Assert.Equal(problem, Problems(new CameraDefinition { Id = "c", Kind = CameraKind.Http, Url = url }));

    [Fact]
    public void HttpWithAStreamOrSnapshotUrlAndCredentialsIsValid() =>
        Assert.Empty(Problems(new CameraDefinition { Id = "c", Kind = CameraKind.Http, Url = "https://cam/snapshot.jpg", UserName = "admin", Password = "pw", Fps = 2 }));

    [Fact]
    public void HttpPasswordWithoutUserNameIsNamed() =>
        Assert.Equal(
            "UserName: A Password is set without a UserName.",
            Problems(new CameraDefinition { Id = "c", Kind = CameraKind.Http, Url = "http://cam/stream", Password = "pw" }));

    [Fact]
    public void ChangingAnHttpCamerasCredentialsReopensIt()
    {
        var camera = new CameraDefinition { Id = "c", Kind = CameraKind.Http, Url = "http://cam/stream", UserName = "admin", Password = "one" };

        Assert.False(camera.DiffersOnlyLive(camera with { Password = "two" }));
        Assert.False(camera.DiffersOnlyLive(camera with { UserName = "root" }));
    }

    [Fact]
    public void OpenCvNeedsExactlyOneSource() =>
        Assert.StartsWith(
            "Device: An OpenCv camera needs exactly one of Device",
            Problems(new CameraDefinition { Id = "c", Kind = CameraKind.OpenCv, File = "/tmp/a.avi", Url = "rtsp://cam/1" }),
            StringComparison.Ordinal);

    [Fact]
    public void CommandThatIsNotInstalledIsNamed() =>
        Assert.Equal(
            "Command: Command 'no-such-program-xyz' was not found (not a file, and not on PATH).",
            Problems(new CameraDefinition { Id = "c", Kind = CameraKind.Command, Command = "no-such-program-xyz" }));

    [Fact]
    public void ImageFolderWithoutJpegsIsNamed()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            Assert.Equal(
                $"Folder: Folder '{folder}' holds no .jpg or .jpeg files.",
                Problems(new CameraDefinition { Id = "c", Kind = CameraKind.ImageSequence, Folder = folder }));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void BundledImageSetIsTheDefaultFolder() =>
        Assert.Equal(3, CameraDefinitionValidator.ListJpegFiles(CameraDefinitionValidator.ResolveFolder(new CameraDefinition { Id = "c" })).Count);
}
