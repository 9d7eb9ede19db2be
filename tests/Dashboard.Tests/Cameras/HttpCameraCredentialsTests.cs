using Dashboard.Cameras;
using Dashboard.Cameras.Components;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

/// <summary>An Http camera's Password is write-only like every other credential.</summary>
public sealed class HttpCameraCredentialsTests
{
    private static readonly CameraDefinition Stored = new()
    {
        Id = "gate",
        Kind = CameraKind.Http,
        Url = "http://192.168.1.30:81/stream",
        UserName = "admin",
        Password = "gate-Secret-99",
    };

    [Fact]
    public void TheFormGetsTheUserNameButOnlyAMaskForThePassword()
    {
        var masked = CameraCredentials.Mask(Stored);

        Assert.Equal("admin", masked.UserName);
        Assert.Equal(Redaction.Mask, masked.Password);
        Assert.Null(CameraCredentials.Mask(Stored with { Password = null }).Password);
    }

    [Fact]
    public void TheMaskSentBackKeepsTheStoredPasswordANewOneReplacesItAndNoneClearsIt()
    {
        var masked = CameraCredentials.Mask(Stored);

        Assert.Equal("gate-Secret-99", CameraCredentials.Restore(masked, Stored).Password);
        Assert.Equal("gate-Secret-99", CameraCredentials.Restore(masked with { Url = "http://192.168.1.30:81/snapshot.jpg", UserName = "viewer" }, Stored).Password);
        Assert.Equal("typed-1", CameraCredentials.Restore(masked with { Password = "typed-1" }, Stored).Password);
        Assert.Null(CameraCredentials.Restore(masked with { Password = null }, Stored).Password);
        Assert.Empty(CameraCredentials.Unresolved(CameraCredentials.Restore(masked, Stored)));
    }

    [Theory]
    [InlineData("http://attacker.example:81/stream")]
    [InlineData("http://192.168.1.30:8080/stream")]
    [InlineData("https://192.168.1.30:81/stream")]
    public void TheStoredPasswordIsNotKeptForAnotherServerAndMustBeTypedAgain(string url)
    {
        var restored = CameraCredentials.Restore(CameraCredentials.Mask(Stored) with { Url = url }, Stored);

        Assert.Equal(Redaction.Mask, restored.Password);
        var problem = Assert.Single(CameraCredentials.Unresolved(restored));
        Assert.Equal(nameof(CameraDefinition.Password), problem.Setting);
        Assert.Equal("*** stands for the stored password, which is only sent to the server it was set for: type the password again for this Url, or clear it.", problem.Message);
    }

    [Fact]
    public void AMaskForACameraWithNoStoredPasswordIsReported()
    {
        var restored = CameraCredentials.Restore(Stored with { Password = Redaction.Mask }, Stored with { Password = null });

        Assert.Equal(nameof(CameraDefinition.Password), Assert.Single(CameraCredentials.Unresolved(restored)).Setting);
    }

    [Fact]
    public void ThePasswordIsMaskedWhereverAnErrorQuotesIt()
    {
        Assert.Contains("gate-Secret-99", Redaction.SecretsOf(Stored));
        Assert.Equal("auth with *** failed", Redaction.RedactText("auth with gate-Secret-99 failed", Stored));
    }

    [Fact]
    public void TheAuditLogNamesAPasswordChangeWithoutShowingEither()
    {
        Assert.Equal("Password: credentials changed", CameraDiff.Describe(Stored, Stored with { Password = "other-Secret-1" }));
        Assert.Equal("Password: *** -> none", CameraDiff.Describe(Stored, Stored with { Password = null }));
        Assert.Equal("User name: admin -> viewer", CameraDiff.Describe(Stored, Stored with { UserName = "viewer" }));
    }

    [Fact]
    public void TheCamerasListNamesAnHttpCamerasUrlWithItsCredentialsMasked() =>
        Assert.Equal("http://***@192.168.1.30:81/stream?token=***", CameraList.SourceOf(Stored with { Url = "http://admin:pw-7@192.168.1.30:81/stream?token=abc123" }));
}
