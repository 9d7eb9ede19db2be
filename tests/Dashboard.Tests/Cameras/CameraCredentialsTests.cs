using Dashboard.Cameras;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

public sealed class CameraCredentialsTests
{
    private static readonly CameraDefinition Stored = new()
    {
        Id = "door",
        Kind = CameraKind.OpenCv,
        Url = "rtsp://admin:p@ss@192.168.1.20:554/x?user=admin&pwd=secret&channel=1",
    };

    private static readonly CameraDefinition StoredCommand = new()
    {
        Id = "pi",
        Kind = CameraKind.Command,
        Command = "ffmpeg",
        Arguments = ["-i", "rtsp://u:pw-1@cam/x", "-password", "hunter2", "--pass=hunter3", "-f", "mjpeg", "-"],
    };

    [Fact]
    public void TheFormGetsEveryCredentialMasked()
    {
        Assert.Equal("rtsp://***@192.168.1.20:554/x?user=***&pwd=***&channel=1", CameraCredentials.Mask(Stored).Url);
        Assert.Equal(["-i", "rtsp://***@cam/x", "-password", "***", "--pass=***", "-f", "mjpeg", "-"], CameraCredentials.Mask(StoredCommand).Arguments);
    }

    [Fact]
    public void AMaskedCameraSentBackUntouchedKeepsTheStoredCredentials()
    {
        Assert.Equal(Stored, CameraCredentials.Restore(CameraCredentials.Mask(Stored), Stored));
        Assert.Equal(StoredCommand, CameraCredentials.Restore(CameraCredentials.Mask(StoredCommand), StoredCommand));
    }

    [Fact]
    public void ChangingTheHostAroundTheMasksKeepsTheStoredCredentials() =>
        Assert.Equal(
            "rtsp://admin:p@ss@192.168.1.30:8554/y?user=admin&pwd=secret&channel=2",
            CameraCredentials.Restore(Stored with { Url = "rtsp://***@192.168.1.30:8554/y?user=***&pwd=***&channel=2" }, Stored).Url);

    [Fact]
    public void TypingOverAMaskReplacesThatCredentialOnly() =>
        Assert.Equal(
            "rtsp://viewer:n3w@192.168.1.20:554/x?user=admin&pwd=other&channel=1",
            CameraCredentials.Restore(Stored with { Url = "rtsp://viewer:n3w@192.168.1.20:554/x?user=***&pwd=other&channel=1" }, Stored).Url);

    [Fact]
    public void ClearingTakesTheUserInfoAndTheCredentialParametersAway() =>
        Assert.Equal("rtsp://192.168.1.20:554/x?channel=1", CameraCredentials.WithoutCredentials(CameraCredentials.Mask(Stored).Url));

    [Fact]
    public void AnArgumentMovedWithItsOptionKeepsItsStoredValue() =>
        Assert.Equal(
            ["-password", "hunter2", "-i", "rtsp://u:pw-1@cam/x", "-f", "mjpeg", "-"],
            CameraCredentials.Restore(StoredCommand with { Arguments = ["-password", "***", "-i", "rtsp://***@cam/x", "-f", "mjpeg", "-"] }, StoredCommand).Arguments);

    [Fact]
    public void AMaskThatStandsForNothingStoredIsReportedNotSaved()
    {
        var restored = CameraCredentials.Restore(Stored with { Url = "rtsp://192.168.1.20/x?token=***" }, Stored);

        var problem = Assert.Single(CameraCredentials.Unresolved(restored));
        Assert.Equal(nameof(CameraDefinition.Url), problem.Setting);
    }
}
