using Dashboard.Cameras;
using Dashboard.Cameras.Components;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

/// <summary>Write-only credentials: the form gets masks, the stored secrets go back only where the masks stand, and nothing else shows them.</summary>
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

    /// <summary>An Http camera: its Password is write-only like every other credential, its UserName is not.</summary>
    private static readonly CameraDefinition StoredHttp = new()
    {
        Id = "gate",
        Kind = CameraKind.Http,
        Url = "http://192.168.1.30:81/stream",
        UserName = "admin",
        Password = "gate-Secret-99",
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

    [Fact]
    public void TheFormGetsTheUserNameButOnlyAMaskForThePassword()
    {
        var masked = CameraCredentials.Mask(StoredHttp);

        Assert.Equal("admin", masked.UserName);
        Assert.Equal(Redaction.Mask, masked.Password);
        Assert.Null(CameraCredentials.Mask(StoredHttp with { Password = null }).Password);
    }

    [Fact]
    public void TheMaskSentBackKeepsTheStoredPasswordANewOneReplacesItAndNoneClearsIt()
    {
        var masked = CameraCredentials.Mask(StoredHttp);

        Assert.Equal("gate-Secret-99", CameraCredentials.Restore(masked, StoredHttp).Password);
        Assert.Equal("gate-Secret-99", CameraCredentials.Restore(masked with { Url = "http://192.168.1.30:81/snapshot.jpg", UserName = "viewer" }, StoredHttp).Password);
        Assert.Equal("typed-1", CameraCredentials.Restore(masked with { Password = "typed-1" }, StoredHttp).Password);
        Assert.Null(CameraCredentials.Restore(masked with { Password = null }, StoredHttp).Password);
        Assert.Empty(CameraCredentials.Unresolved(CameraCredentials.Restore(masked, StoredHttp)));
    }

    [Theory]
    [InlineData("http://attacker.example:81/stream")]
    [InlineData("http://192.168.1.30:8080/stream")]
    [InlineData("https://192.168.1.30:81/stream")]
    public void TheStoredPasswordIsNotKeptForAnotherServerAndMustBeTypedAgain(string url)
    {
        var restored = CameraCredentials.Restore(CameraCredentials.Mask(StoredHttp) with { Url = url }, StoredHttp);

        Assert.Equal(Redaction.Mask, restored.Password);
        var problem = Assert.Single(CameraCredentials.Unresolved(restored));
        Assert.Equal(nameof(CameraDefinition.Password), problem.Setting);
        Assert.Equal("*** stands for the stored password, which is only sent to the server it was set for: type the password again for this Url, or clear it.", problem.Message);
    }

    [Fact]
    public void AMaskForACameraWithNoStoredPasswordIsReported()
    {
        var restored = CameraCredentials.Restore(StoredHttp with { Password = Redaction.Mask }, StoredHttp with { Password = null });

        Assert.Equal(nameof(CameraDefinition.Password), Assert.Single(CameraCredentials.Unresolved(restored)).Setting);
    }

    [Fact]
    public void ThePasswordIsMaskedWhereverAnErrorQuotesIt()
    {
        Assert.Contains("gate-Secret-99", Redaction.SecretsOf(StoredHttp));
        Assert.Equal("auth with *** failed", Redaction.RedactText("auth with gate-Secret-99 failed", StoredHttp));
    }

    [Fact]
    public void TheAuditLogNamesAPasswordChangeWithoutShowingEither()
    {
        Assert.Equal("Password: credentials changed", CameraDiff.Describe(StoredHttp, StoredHttp with { Password = "other-Secret-1" }));
        Assert.Equal("Password: *** -> none", CameraDiff.Describe(StoredHttp, StoredHttp with { Password = null }));
        Assert.Equal("User name: admin -> viewer", CameraDiff.Describe(StoredHttp, StoredHttp with { UserName = "viewer" }));
    }

    [Fact]
    public void TheCamerasListNamesAnHttpCamerasUrlWithItsCredentialsMasked() =>
        Assert.Equal("http://***@192.168.1.30:81/stream?token=***", CameraList.SourceOf(StoredHttp with { Url = "http://admin:pw-7@192.168.1.30:81/stream?token=abc123" }));
}
