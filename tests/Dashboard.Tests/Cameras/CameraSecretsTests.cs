using System.Net;
using System.Text.Json;
using Streaming.Http;

namespace Dashboard.Tests.Cameras;

/// <summary>Credentials in camera settings never reach the API, a snapshot's error text or the log; sources are named only to operators.</summary>
public sealed class CameraSecretsTests(SecretCamerasApp cameras) : IClassFixture<SecretCamerasApp>
{
    [Fact]
    public async Task AViewerReadsTheCamerasWithEveryCredentialMaskedAndNoErrorNamingTheSource()
    {
        await cameras.FailingCamerasHaveFailedAsync();
        using var viewer = cameras.App.CreateBasicClient(SecretCamerasApp.Viewer, SecurityApp.Password);

        var json = await viewer.GetStringAsync("api/cameras");

        SecretCamerasApp.AssertHoldsNoSecret(json, "/api/cameras");
        using var document = JsonDocument.Parse(json);
        var byId = document.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal($"rtsp://***@127.0.0.1:{cameras.Port}/x?user=***&pwd=***", byId["door"].GetProperty("settings").GetProperty("url").GetString());
        Assert.Equal(
            ["-c", "echo \"DESCRIBE failed for rtsp://***@127.0.0.1:" + cameras.Port + "/x?user=***&pwd=*** with ***\" >&2; exit 3", "-password", "***", "--pass=***"],
            byId["pi"].GetProperty("settings").GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.All(byId.Values, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("lastError").ValueKind));
        Assert.Equal("Reconnecting", byId["pi"].GetProperty("state").GetString());
    }

    [Fact]
    public async Task AnOperatorReadsWhyACameraFailsWithTheCredentialsMasked()
    {
        await cameras.FailingCamerasHaveFailedAsync();
        using var operatorClient = cameras.App.CreateBasicClient(SecretCamerasApp.Operator, SecurityApp.Password);

        using var pi = JsonDocument.Parse(await operatorClient.GetStringAsync("api/cameras/pi"));
        using var door = JsonDocument.Parse(await operatorClient.GetStringAsync("api/cameras/door"));

        var piError = pi.RootElement.GetProperty("lastError").GetString();
        var doorError = door.RootElement.GetProperty("lastError").GetString();
        Assert.Contains("exited with code 3: DESCRIBE failed for rtsp://***@127.0.0.1", piError, StringComparison.Ordinal);
        Assert.Contains($"rtsp://***@127.0.0.1:{cameras.Port}/x?user=***&pwd=***", doorError, StringComparison.Ordinal);
        SecretCamerasApp.AssertHoldsNoSecret(piError, "pi's error");
        SecretCamerasApp.AssertHoldsNoSecret(doorError, "door's error");
    }

    [Fact]
    public async Task ASnapshotOfAFailingCameraTellsAShareLinkTheCameraAndItsStateButNotTheSource()
    {
        await cameras.FailingCamerasHaveFailedAsync();
        using var client = cameras.App.CreateRawClient();

        using var response = await client.GetAsync($"{FeedRoutes.Snapshot("door")}?token={cameras.DoorLink.Token}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Matches(@"^Camera 'door' has no picture yet \((Starting|Reconnecting)\)\.$", text);
    }

    [Fact]
    public async Task ASnapshotOfAFailingCameraTellsAViewerNoSourceAndAnOperatorTheMaskedReason()
    {
        await cameras.FailingCamerasHaveFailedAsync();
        using var viewer = cameras.App.CreateBasicClient(SecretCamerasApp.Viewer, SecurityApp.Password);
        using var operatorClient = cameras.App.CreateBasicClient(SecretCamerasApp.Operator, SecurityApp.Password);

        var forViewer = await (await viewer.GetAsync(FeedRoutes.Snapshot("pi"))).Content.ReadAsStringAsync();
        var forOperator = await (await operatorClient.GetAsync(FeedRoutes.Snapshot("pi"))).Content.ReadAsStringAsync();

        Assert.Matches(@"^Camera 'pi' has no picture yet \((Starting|Reconnecting)\)\.$", forViewer);
        Assert.Contains("exited with code 3", forOperator, StringComparison.Ordinal);
        SecretCamerasApp.AssertHoldsNoSecret(forOperator, "the operator's snapshot error");
    }

    [Fact]
    public async Task NoLogLineHoldsACredentialWhileCamerasFailAndAreRead()
    {
        await cameras.FailingCamerasHaveFailedAsync();
        using var viewer = cameras.App.CreateBasicClient(SecretCamerasApp.Viewer, SecurityApp.Password);
        await viewer.GetStringAsync("api/cameras");
        await viewer.GetAsync(FeedRoutes.Snapshot("door"));

        var lines = cameras.App.Logs.GetSnapshot().Select(r => $"{r.Category} {r.Level}: {r.Message} {r.Exception}").ToList();

        // The failures are logged (so this looks at the right lines), and no line quotes a secret.
        Assert.Contains(lines, l => l.Contains("exited with code 3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"127.0.0.1:{cameras.Port}", StringComparison.Ordinal));
        Assert.All(lines, line => SecretCamerasApp.AssertHoldsNoSecret(line, "a log line"));
    }
}
