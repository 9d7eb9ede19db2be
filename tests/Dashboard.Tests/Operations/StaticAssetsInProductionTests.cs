using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Operations;

/// <summary>
/// The app in Production, as <c>dotnet run</c> or a build folder runs it and as a server runs the published copy:
/// the sign-in page's scripts and styles (Blazor's <c>_framework</c>, MudBlazor's <c>_content</c>) are served, to
/// anyone, like every static file, so the page is alive before and after sign-in.
/// </summary>
public sealed partial class StaticAssetsInProductionTests : IDisposable
{
    /// <summary>The unversioned names, which scripts and older pages may ask for, besides those the page names.</summary>
    private static readonly string[] PlainNames = ["_framework/blazor.web.js", "_content/MudBlazor/MudBlazor.min.css", "_content/MudBlazor/MudBlazor.min.js"];

    private readonly Dictionary<string, string> _settings = new() { ["Auth__AdminPassword"] = DashboardApp.AdminPassword };

    private ChildApp? _app;

    public void Dispose()
    {
        _app?.Dispose();
    }

    [Fact]
    public async Task BuildOutputInProductionServesBlazorAndMudBlazorFilesToAnyone()
    {
        _app = AppProcess.Start(_settings);

        await AssertServesPageAssetsAsync(_app);
    }

    [Fact]
    public async Task PublishedAppInProductionServesBlazorAndMudBlazorFilesToAnyone()
    {
        _app = AppProcess.Start(_settings, await PublishedCopy.SharedAsync());

        await AssertServesPageAssetsAsync(_app);
    }

    private static async Task AssertServesPageAssetsAsync(ChildApp app)
    {
        using var anonymous = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = await app.AddressAsync(TimeSpan.FromSeconds(60)),
            Timeout = TimeSpan.FromSeconds(30),
        };
        using var login = await anonymous.GetAsync(new Uri("account/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var referenced = AssetReference().Matches(await login.Content.ReadAsStringAsync()).Select(m => m.Groups["path"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(referenced, path => path.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));
        Assert.Contains(referenced, path => path.StartsWith("_content/MudBlazor/", StringComparison.Ordinal) && path.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(referenced, path => path.StartsWith("_content/MudBlazor/", StringComparison.Ordinal) && path.EndsWith(".js", StringComparison.Ordinal));

        foreach (var path in referenced.Union(PlainNames))
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && body.Length > 10_000, $"/{path}: {(int)response.StatusCode}, {body.Length} bytes{Environment.NewLine}{app.Output}");
            Assert.Equal(path.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>A script or style sheet of Blazor or a package, as the page links it (relative to its base href).</summary>
    [GeneratedRegex(@"(?:src|href)=""(?<path>(?:_framework|_content)/[^""?#]+\.(?:js|css))""")]
    private static partial Regex AssetReference();
}
