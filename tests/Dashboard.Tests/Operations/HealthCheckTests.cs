using System.Net;
using System.Text.Json;
using Streaming.Cameras;

namespace Dashboard.Tests.Operations;

/// <summary>
/// <c>/healthz</c> (is the process up) and <c>/healthz/ready</c> (database and cameras) as an uptime checker, a
/// viewer and an admin see them.
/// </summary>
public sealed class HealthCheckTests : IAsyncLifetime
{
    private readonly OperationsApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task LivenessIsAPlainHealthyForAnyone()
    {
        _app.WithCameras(Porch);
        using var anonymous = _app.CreateRawClient();

        using var response = await anonymous.GetAsync(new Uri("healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadinessIsHealthyWhenTheDatabaseAndEveryCameraAreFine()
    {
        _app.WithCameras(Porch);
        using var anonymous = _app.CreateRawClient();
        using var admin = await AdminClientAsync();

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadAsync(anonymous, "healthz/ready"));
        var report = await ReportAsync(admin);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("cameras").GetProperty("status").GetString());
    }

    [Fact]
    public async Task BrokenCameraMakesReadinessDegradedStill200AndOnlyAnAdminSeesWhich()
    {
        // A camera whose program exits at once: it keeps failing and being retried while the other one works.
        _app.WithCameras(Porch, new CameraDefinition { Id = "broken", Kind = CameraKind.Command, Command = "false", AlwaysOn = true });
        await _app.CreateViewerAsync();
        await Eventually.HoldsAsync(
            () => _app.Cameras.Find("broken")!.State is CameraState.Failed or CameraState.Reconnecting,
            "the broken camera fails");
        using var anonymous = _app.CreateRawClient();
        using var viewer = _app.CreateBasicClient(OperationsApp.Viewer, OperationsApp.ViewerPassword);
        using var admin = await AdminClientAsync();

        Assert.Equal((HttpStatusCode.OK, "Degraded"), await ReadAsync(anonymous, "healthz/ready"));
        Assert.Equal((HttpStatusCode.OK, "Degraded"), await ReadAsync(viewer, "healthz/ready"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadAsync(anonymous, "healthz"));

        var report = await ReportAsync(admin);
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        var cameras = report.GetProperty("checks").GetProperty("cameras");
        Assert.Equal("Degraded", cameras.GetProperty("status").GetString());
        Assert.Contains("broken", cameras.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Matches("^(Failed|Reconnecting)$", cameras.GetProperty("data").GetProperty("broken").GetString());
        Assert.Equal("Idle", cameras.GetProperty("data").GetProperty("porch").GetString());
    }

    private static CameraDefinition Porch => new() { Id = "porch", Name = "Porch", Width = 320, Height = 240, Fps = 10 };

    /// <summary>A client carrying the admin's sign-in cookie from the real sign-in form.</summary>
    private async Task<HttpClient> AdminClientAsync()
    {
        var cookie = await FormSignIn.CookieAsync(_app, DashboardApp.AdminUser, DashboardApp.AdminPassword);
        var client = _app.CreateRawClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task<(HttpStatusCode, string)> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> ReportAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync(new Uri("healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
