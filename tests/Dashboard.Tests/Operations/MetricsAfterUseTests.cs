using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Streaming.Cameras;
using Streaming.Http;
using Xunit.Abstractions;

namespace Dashboard.Tests.Operations;

/// <summary>
/// <c>/metrics</c> after the dashboard has been used: every page rendered (each with its Blazor and MudBlazor
/// components), a feed watched, a camera failing. What Prometheus stores every scrape stays small, and every series
/// the Grafana dashboard (docs/grafana-dashboard.json) queries is there.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed partial class MetricsAfterUseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "prometheus-scrape-token-0123456789";

    /// <summary>About 60 KB here; per-component histograms made it 250 KB after these pages and 1 MB after a while of use.</summary>
    private const int MaxBytes = 96 * 1024;

    private static readonly string[] Pages = ["", "cameras", "cameras/new", "cameras/porch", "cameras/porch/edit", "admin/users", "no-such-page"];

    private readonly OperationsApp _app = new();

    public Task InitializeAsync()
    {
        // "broken" exits at once and is retried: the reconnect series exists.
        _app.WithCameras(
                new CameraDefinition { Id = "porch", Name = "Porch", Width = 320, Height = 240, Fps = 10 },
                new CameraDefinition { Id = "broken", Kind = CameraKind.Command, Command = "false", AlwaysOn = true })
            .WithSetting("Operations:MetricsBearerToken", Token);
        _ = _app.Address;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task MetricsStaySmallAfterEveryPageIsUsedAndHoldEverySeriesTheGrafanaDashboardQueries()
    {
        using var admin = _app.CreateRawClient();
        admin.DefaultRequestHeaders.Add("Cookie", await FormSignIn.CookieAsync(_app, DashboardApp.AdminUser, DashboardApp.AdminPassword));
        for (var round = 0; round < 3; round++)
        {
            foreach (var page in Pages)
            {
                using var response = await admin.GetAsync(new Uri(page, UriKind.Relative));
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"/{page}: {(int)response.StatusCode}");
            }
        }

        // A feed capped at 1 fps from a 10 fps camera: frames sent, bytes sent, and frames skipped for it.
        using (var feed = await admin.GetAsync(new Uri($"{FeedRoutes.Feed("porch")}?fps=1", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            var reader = await MjpegFeed.ReadAsync(feed);
            using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            for (var frames = 0; frames < 2;)
            {
                var part = await reader.ReadPartAsync(reading.Token) ?? throw new InvalidOperationException("The feed ended.");
                frames += part.IsPlaceholder ? 0 : 1;
            }
        }

        using var scraper = _app.CreateBearerClient(Token);
        await Eventually.HoldsAsync(
            async () => await OperationsApp.SampleAsync(scraper, "camera_source_reconnects_total", "camera=\"broken\"") > 0,
            "the broken camera has been reopened");

        // The GC series exist once a collection has happened; this process is the app, so make sure one has.
        GC.Collect();
        var text = await ScrapeAsync(scraper);
        var series = text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        var names = series.Select(line => SeriesName().Match(line).Value).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"/metrics: {text.Length / 1024.0:0.0} KB, {series.Count} series; largest: {string.Join(", ", series
            .GroupBy(line => SeriesName().Match(line).Value).OrderByDescending(g => g.Count()).Take(5).Select(g => $"{g.Key} {g.Count()}"))}");

        Assert.True(text.Length <= MaxBytes, $"/metrics is {text.Length / 1024} KB after using each page, more than {MaxBytes / 1024} KB.");
        Assert.DoesNotContain(series, line => line.Contains("aspnetcore_components_type=", StringComparison.Ordinal));
        Assert.DoesNotContain(names, name => name.StartsWith("aspnetcore_components_", StringComparison.Ordinal)
            && !name.StartsWith("aspnetcore_components_circuit", StringComparison.Ordinal));

        var queried = GrafanaMetricNames();
        Assert.True(queried.Count >= 15, $"Only {queried.Count} metric names found in the Grafana dashboard.");
        Assert.All(queried, name => Assert.True(names.Contains(name), $"The Grafana dashboard queries {name}, which /metrics does not have."));
    }

    private static async Task<string> ScrapeAsync(HttpClient scraper)
    {
        using var response = await scraper.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every metric the panels' PromQL names: an identifier right before a <c>{</c> label matcher.</summary>
    private static HashSet<string> GrafanaMetricNames()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Repository.File("docs/grafana-dashboard.json")));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in Expressions(dashboard.RootElement))
        {
            names.UnionWith(QueriedMetric().Matches(expression).Select(m => m.Groups["name"].Value));
        }

        return names;
    }

    private static IEnumerable<string> Expressions(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "expr" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Expressions(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Expressions),
        _ => [],
    };

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{")]
    private static partial Regex QueriedMetric();
}
