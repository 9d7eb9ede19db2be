using Streaming.Cameras;

namespace Streaming.Tests.Cameras;

public sealed class RedactionTests
{
    private const string Url = "rtsp://admin:p@ss@192.168.1.20:554/stream1?user=admin&pwd=secret&channel=1";

    [Fact]
    public void UserInfoIsMaskedUpToTheLastAtSoAPasswordHoldingAnAtIsHiddenWhole() =>
        Assert.Equal("rtsp://***@192.168.1.20:554/stream1", Redaction.RedactUrl("rtsp://admin:p@ss@192.168.1.20:554/stream1"));

    [Fact]
    public void CredentialQueryParametersAreMaskedAndTheOthersKept() =>
        Assert.Equal("rtsp://***@192.168.1.20:554/stream1?user=***&pwd=***&channel=1", Redaction.RedactUrl(Url));

    [Theory]
    [InlineData("http://cam/snap.cgi?Username=a&Password=b", "http://cam/snap.cgi?Username=***&Password=***")]
    [InlineData("http://cam/video?token=abc&api_key=k&sig=x&resolution=640x480", "http://cam/video?token=***&api_key=***&sig=***&resolution=640x480")]
    [InlineData("https://cam/live?auth=Zm9v#top", "https://cam/live?auth=***#top")]
    [InlineData("rtsp://cam.lan/stream1", "rtsp://cam.lan/stream1")]
    public void ParametersNamedLikeCredentialsAreMaskedWhateverTheirCase(string url, string expected) =>
        Assert.Equal(expected, Redaction.RedactUrl(url));

    [Fact]
    public void UrlsInsideAMessageAreMaskedToo() =>
        Assert.Equal(
            "Could not open stream 'rtsp://***@192.168.1.20:554/stream1?user=***&pwd=***&channel=1'.",
            Redaction.RedactText($"Could not open stream '{Url}'."));

    [Fact]
    public void CommandArgumentsHideTheValueAfterACredentialOptionAndInOptionEqualsValue() =>
        Assert.Equal(
            ["-rtsp_transport", "tcp", "-i", "rtsp://***@cam/x?pwd=***", "-password", "***", "--pass=***", "user-pw=***", "--width", "640", "-headers", "Authorization: ***"],
            Redaction.RedactArguments(["-rtsp_transport", "tcp", "-i", "rtsp://u:p@cam/x?pwd=s", "-password", "hunter2", "--pass=hunter3", "user-pw=hunter4", "--width", "640", "-headers", "Authorization: Basic dTpw"]));

    [Fact]
    public void ASecretGivenToOneOptionIsHiddenWhereAnotherArgumentRepeatsIt() =>
        Assert.Equal(
            ["-c", "echo *** >&2", "-password", "***"],
            Redaction.RedactArguments(["-c", "echo sekrit-1 >&2", "-password", "sekrit-1"]));

    [Fact]
    public void TextThatEchoesACamerasSecretInAnotherFormHidesItWithTheCameraGiven()
    {
        var camera = new CameraDefinition { Id = "c", Kind = CameraKind.OpenCv, Url = "rtsp://admin:p%40ssw0rd@cam/x?pwd=s3cr3t" };

        var text = Redaction.RedactText("[rtsp @ 0x55] method DESCRIBE failed: 401 for password p@ssw0rd (s3cr3t)", camera);

        Assert.DoesNotContain("p@ssw0rd", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        Assert.Contains("DESCRIBE failed: 401", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretsOfACommandCameraAreTheValuesOfItsCredentialOptions() =>
        Assert.Equal(
            new HashSet<string>(["hunter2", "hunter3", "u:p", "u", "p", "s"]),
            Redaction.SecretsOf(new CameraDefinition { Id = "c", Kind = CameraKind.Command, Command = "ffmpeg", Arguments = ["-i", "rtsp://u:p@cam/x?pwd=s", "-password", "hunter2", "--pass=hunter3", "-f", "mjpeg"] }));

    [Fact]
    public void ALoggedExceptionKeepsItsTypeAndStackButNotTheCredential()
    {
        var camera = new CameraDefinition { Id = "c", Kind = CameraKind.OpenCv, Url = Url };
        Exception original;
        try
        {
            throw new InvalidOperationException($"OpenCV: cannot open {Url}", new IOException("p@ss rejected"));
        }
        catch (InvalidOperationException ex)
        {
            original = ex;
        }

        var logged = Redaction.RedactException(original, camera).ToString();

        Assert.Contains(nameof(InvalidOperationException), logged, StringComparison.Ordinal);
        Assert.Contains(nameof(ALoggedExceptionKeepsItsTypeAndStackButNotTheCredential), logged, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", logged, StringComparison.Ordinal);
    }
}
