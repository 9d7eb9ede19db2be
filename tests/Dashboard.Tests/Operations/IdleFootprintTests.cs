using System.Net;

namespace Dashboard.Tests.Operations;

/// <summary>
/// What a small board's idle memory is kept free of (docs/benchmarks.md, "Footprint"): the published app on SQLite,
/// with its demo cameras and nobody watching, after a visit to the sign-in page, maps no library of a feature that is
/// not in use: PostgreSQL's client (no PostgreSQL connection string), MQTT (no broker set) and OpenCV's native library
/// (no camera captures).
/// </summary>
public sealed class IdleFootprintTests : IDisposable
{
    private static readonly string[] UnusedLibraries = ["Npgsql.dll", "Npgsql.EntityFrameworkCore.PostgreSQL.dll", "MQTTnet.dll", "libOpenCvSharpExtern.so"];

    private ChildApp? _app;

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task AnIdleSqliteDashboardMapsNeitherPostgresNorMqttNorOpenCv()
    {
        _app = AppProcess.Start(new Dictionary<string, string> { ["Auth__AdminPassword"] = DashboardApp.AdminPassword }, await PublishedCopy.SharedAsync());
        using var client = new HttpClient { BaseAddress = await _app.AddressAsync(TimeSpan.FromSeconds(60)), Timeout = TimeSpan.FromSeconds(30) };
        await Eventually.HoldsAsync(
            async () =>
            {
                using var health = await client.GetAsync(new Uri("healthz", UriKind.Relative));
                return health.StatusCode == HttpStatusCode.OK;
            },
            "the app is healthy");
        using var login = await client.GetAsync(new Uri("account/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var mapped = File.ReadAllLines($"/proc/{_app.Id}/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6)
            .Select(fields => Path.GetFileName(fields[5]))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Microsoft.EntityFrameworkCore.Sqlite.dll", mapped); // The check reads the right process.
        Assert.Equal([], UnusedLibraries.Intersect(mapped));
    }
}
