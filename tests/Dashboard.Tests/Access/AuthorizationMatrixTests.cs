using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Access;
using Dashboard.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Tests.Access;

/// <summary>
/// Every route of the app (taken from its endpoint data source) against every kind of caller, with the exact
/// status the design calls for. A route the table does not know fails the test by name, so a new page or
/// endpoint cannot ship without someone deciding who may use it.
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output, AuthorizationMatrixCallers callers) : IClassFixture<AuthorizationMatrixCallers>
{
    // Columns, in the order of each row's statuses.
    private static readonly string[] Callers =
    [
        "anonymous", "viewer", "operator", "admin", "token", "token for yard", "expired token", "revoked token", "wrong Basic password", "locked-out user",
    ];

    /// <summary>
    /// The design. Pages send people without a sign-in to the sign-in page (302) and a signed-in user whose role
    /// is not enough to /account/access-denied (302); machine paths (feeds, snapshots, API, sockets) answer 401
    /// with a Basic challenge or 403 instead. A share link is no dashboard role: it opens the feed and snapshot of
    /// its own camera (porch, the default camera) and nothing else. HTTP Basic that fails is 401 everywhere but on
    /// the anonymous pages. POSTs to pages without an antiforgery token are 400 once authorized.
    /// </summary>
    private static readonly Row[] Table =
    [
        //  method  route pattern                   probe (GET unless it says)                  anon view oper admin tok yard  exp  rev wrong lock
        // Pages for every role.
        new("GET",  "/",                             "/",                                         302, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/",                             "/",                                         302, 400, 400, 400, 403, 403, 401, 401, 401, 401),
        new("GET",  "/cameras",                      "/cameras",                                  302, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/cameras",                      "/cameras",                                  302, 400, 400, 400, 403, 403, 401, 401, 401, 401),
        new("GET",  "/cameras/{CameraId}",           "/cameras/porch",                            302, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("GET",  "/cameras/{CameraId}",           "/cameras/nope",                             302, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/cameras/{CameraId}",           "/cameras/porch",                            302, 400, 400, 400, 403, 403, 401, 401, 401, 401),
        new("GET",  "/events",                       "/events",                                   302, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/events",                       "/events",                                   302, 400, 400, 400, 403, 403, 401, 401, 401, 401),
        new("GET",  "/Error",                        "/Error",                                    302, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/Error",                        "/Error",                                    302, 400, 400, 400, 403, 403, 401, 401, 401, 401),

        // Pages for operators, then for admins: a signed-in user with a lesser role is sent to /account/access-denied.
        new("GET",  "/cameras/{CameraId}/edit",      "/cameras/porch/edit",                       302, 302, 200, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/cameras/{CameraId}/edit",      "/cameras/porch/edit",                       302, 302, 400, 400, 403, 403, 401, 401, 401, 401),
        new("GET",  "/cameras/new",                  "/cameras/new",                              302, 302, 302, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/cameras/new",                  "/cameras/new",                              302, 302, 302, 400, 403, 403, 401, 401, 401, 401),
        new("GET",  "/admin/users",                  "/admin/users",                              302, 302, 302, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/admin/users",                  "/admin/users",                              302, 302, 302, 400, 403, 403, 401, 401, 401, 401),
        new("GET",  "/admin/remote-dashboards",      "/admin/remote-dashboards",                  302, 302, 302, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/admin/remote-dashboards",      "/admin/remote-dashboards",                  302, 302, 302, 400, 403, 403, 401, 401, 401, 401),
        new("GET",  "/admin/notifications",          "/admin/notifications",                      302, 302, 302, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/admin/notifications",          "/admin/notifications",                      302, 302, 302, 400, 403, 403, 401, 401, 401, 401),

        // Machine tokens: every role has its own; another user's page is open to every role, and the token service
        // refuses anyone but the owner or an admin (the page then shows the refusal, not the tokens).
        new("GET",  "/account/tokens",               "/account/tokens",                           302, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/account/tokens",               "/account/tokens",                           302, 400, 400, 400, 403, 403, 401, 401, 401, 401),
        new("GET",  "/admin/users/{UserId}/tokens",  "/admin/users/nope/tokens",                  302, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("POST", "/admin/users/{UserId}/tokens",  "/admin/users/nope/tokens",                  302, 400, 400, 400, 403, 403, 401, 401, 401, 401),

        // Pages for anyone (failed credentials are not challenged where nothing is required).
        new("GET",  "/account/login",                "/account/login",                            200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("POST", "/account/login",                "/account/login",                            400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
        new("GET",  "/account/access-denied",        "/account/access-denied",                    200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("POST", "/account/access-denied",        "/account/access-denied",                    400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
        new("GET",  "/not-found",                    "/not-found",                                200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("POST", "/not-found",                    "/not-found",                                400, 400, 400, 400, 400, 400, 400, 400, 400, 400),

        // Signing out needs a sign-in of any kind and the user menu's antiforgery token (the probe has none: 400).
        new("POST", "/account/logout",               "/account/logout",                           302, 400, 400, 400, 400, 400, 401, 401, 401, 401),

        // Feeds and snapshots: any role, or a link for exactly that camera (/video_feed is the default camera, porch).
        new("GET",  "/video_feed/",                  "/video_feed",                               401, 200, 200, 200, 200, 403, 401, 401, 401, 401),
        new("GET",  "/video_feed/{cameraId}",        "/video_feed/porch",                         401, 200, 200, 200, 200, 403, 401, 401, 401, 401),
        new("GET",  "/video_feed/{cameraId}",        "/video_feed/nope",                          401, 404, 404, 404, 403, 403, 401, 401, 401, 401),
        new("GET",  "/snapshot/{cameraId}.jpg",      "/snapshot/porch.jpg",                       401, 200, 200, 200, 200, 403, 401, 401, 401, 401),
        new("GET",  "/snapshot/{cameraId}.jpg",      "/snapshot/nope.jpg",                        401, 404, 404, 404, 403, 403, 401, 401, 401, 401),

        // The JSON API: dashboard roles only (a link never sees other viewers' addresses).
        new("GET",  "/api/cameras/",                 "/api/cameras",                              401, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("GET",  "/api/cameras/{cameraId}",       "/api/cameras/porch",                        401, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("GET",  "/api/cameras/{cameraId}",       "/api/cameras/nope",                         401, 404, 404, 404, 403, 403, 401, 401, 401, 401),
        new("GET",  "/api/events/",                  "/api/events",                               401, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("GET",  "/api/events/{cameraId}/{eventId:guid}/snapshot.jpg", "/api/events/porch/0193a1b2c3d47e8f9a0b1c2d3e4f5a6b/snapshot.jpg", 401, 404, 404, 404, 403, 403, 401, 401, 401, 401),
        new("GET",  "/api/events/{cameraId}/{eventId:guid}/clip.avi", "/api/events/porch/0193a1b2c3d47e8f9a0b1c2d3e4f5a6b/clip.avi", 401, 404, 404, 404, 403, 403, 401, 401, 401, 401),
        new("GET",  "/api/events/{cameraId}/{eventId:guid}/play.mjpg", "/api/events/porch/0193a1b2c3d47e8f9a0b1c2d3e4f5a6b/play.mjpg", 401, 404, 404, 404, 403, 403, 401, 401, 401, 401),
        new("DELETE", "/api/events/{cameraId}/{eventId:guid}", "/api/events/porch/0193a1b2c3d47e8f9a0b1c2d3e4f5a6b", 401, 403, 404, 404, 403, 403, 401, 401, 401, 401),
        new("GET",  "/api/notifications",            "/api/notifications",                        401, 403, 403, 200, 403, 403, 401, 401, 401, 401),

        // Operations. Health checks are for uptime checkers and load balancers: anyone, whatever they send (only an
        // admin gets the readiness details). Metrics: any dashboard role, or Operations:MetricsBearerToken (not set here).
        new("*",    "/healthz",                      "/healthz",                                  200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("*",    "/healthz/ready",                "/healthz/ready",                            200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        new("*",    "/metrics",                      "/metrics",                                  401, 200, 200, 200, 403, 403, 401, 401, 401, 401),

        // The dashboard grid's tile socket: dashboard roles only, like the pages it serves (a plain GET is no WebSocket
        // request: 400 once let in). Holds once Program.cs chains .RequireAuthorization(DashboardPolicies.View) to MapDashboardTiles().
        new("*",    "/ws/tiles",                     "/ws/tiles",                                 401, 400, 400, 400, 403, 403, 401, 401, 401, 401),

        // Blazor's own endpoints carry the pages' View requirement. The circuit hub opts out of cookie redirects: a bare 401.
        // Without the state they expect, the redirect helper and the disconnect endpoint answer 404 once allowed in.
        new("GET",  "/_framework/opaque-redirect",   "/_framework/opaque-redirect",               302, 404, 404, 404, 403, 403, 401, 401, 401, 401),
        new("*",    "/_blazor/negotiate",            "POST /_blazor/negotiate?negotiateVersion=1", 401, 200, 200, 200, 403, 403, 401, 401, 401, 401),
        new("*",    "/_blazor",                      "/_blazor",                                  401, 400, 400, 400, 403, 403, 401, 401, 401, 401),
        new("*",    "/_blazor/disconnect/",          "POST /_blazor/disconnect",                  302, 404, 404, 404, 403, 403, 401, 401, 401, 401),
        new("*",    "/_blazor/initializers/",        "/_blazor/initializers",                     302, 200, 200, 200, 403, 403, 401, 401, 401, 401),
    ];

    private readonly SecurityApp _app = callers.App;
    private readonly Dictionary<string, Action<HttpRequestMessage>> _callers = callers.Callers;
    private readonly Dictionary<string, string> _tokens = callers.Tokens;

    [Fact]
    public void EveryRouteOfTheAppIsInTheTable()
    {
        var known = Table.Select(r => (r.Method, r.Pattern)).ToHashSet();
        var routes = Routes().ToList();

        var missing = routes.Where(r => !known.Contains(r)).Select(r => $"{r.Method} {r.Pattern}").ToList();
        var gone = known.Where(k => !routes.Contains(k)).Select(k => $"{k.Method} {k.Pattern}").ToList();

        Assert.True(missing.Count == 0, $"Routes missing from the authorization table (decide who may use them and add a row): {string.Join(", ", missing)}");
        Assert.True(gone.Count == 0, $"Rows for routes the app no longer has: {string.Join(", ", gone)}");
    }

    [Fact]
    public void StaticFilesNeedNoSignInAndAreTheOnlyRoutesLeftOutOfTheTable()
    {
        var files = Endpoints().Where(IsStaticFile).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, e => Assert.Empty(e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()));
    }

    [Fact]
    public async Task EveryCallerGetsExactlyTheDesignedStatusEverywhere()
    {
        using var client = _app.CreateRawClient();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{"method",-6} {"probe",-40} {string.Join(" ", Callers.Select(Short))}");
        var wrong = new List<string>();
        foreach (var row in Table.Concat(StaticFileRows))
        {
            var actual = new List<int>();
            for (var i = 0; i < Callers.Length; i++)
            {
                var status = await ProbeAsync(client, row, Callers[i]);
                actual.Add(status);
                if (status != row.Expected[i])
                {
                    wrong.Add($"{row.ProbeMethod} {row.ProbePath} as {Callers[i]}: expected {row.Expected[i]}, got {status}");
                }
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"{row.ProbeMethod,-6} {row.ProbePath,-40} {string.Join(" ", actual.Select((s, i) => s.ToString(CultureInfo.InvariantCulture).PadLeft(Short(Callers[i]).Length)))}");
        }

        output.WriteLine(report.ToString());
        Assert.True(wrong.Count == 0, $"{wrong.Count} statuses differ from the design:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }

    /// <summary>Static files are public (the sign-in page needs its styles), whoever asks and whatever they send.</summary>
    private static Row[] StaticFileRows { get; } =
    [
        new("GET",  "(static file)",                 "/app.css",                                  200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ];

    private async Task<int> ProbeAsync(HttpClient client, Row row, string caller)
    {
        var probe = row.ProbePath;
        if (_tokens.TryGetValue(caller, out var token))
        {
            probe += (probe.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"{DashboardSchemes.TokenParameter}={token}";
        }

        using var request = new HttpRequestMessage(new HttpMethod(row.ProbeMethod), new Uri(probe.TrimStart('/'), UriKind.Relative));
        if (row.ProbeMethod == "POST")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        if (_callers.TryGetValue(caller, out var apply))
        {
            apply(request);
        }

        // Feeds never end: read the status and headers only, then drop the connection.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return (int)response.StatusCode;
    }

    private IEnumerable<(string Method, string Pattern)> Routes() =>
        Endpoints()
            .Where(e => !IsStaticFile(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (m, e.RoutePattern.RawText ?? "")))
            .Distinct();

    private IEnumerable<RouteEndpoint> Endpoints()
    {
        _ = _app.Address;
        return _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
    }

    /// <summary>A file from wwwroot or a package (MapStaticAssets), or the development fallback that serves files not in the manifest.</summary>
    private static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
        || (endpoint.RoutePattern.RawText == "{**path:file}" && endpoint.Metadata.Any(m => m.GetType().Name == "FallbackMetadata"));

    internal static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static string Short(string caller) => caller.Length <= 5 ? caller.PadLeft(5) : caller[..5];

    /// <param name="Method">The route's method as its metadata says (<c>*</c>: any).</param>
    /// <param name="Pattern">The route pattern exactly as the endpoint data source spells it.</param>
    /// <param name="Probe">The request path (with query) that exercises the route, after its method where that is not the route's (or GET).</param>
    /// <param name="Expected">One status per caller, in the order of <see cref="Callers"/>.</param>
    private sealed record Row(string Method, string Pattern, string Probe, params int[] Expected)
    {
        public string ProbeMethod => Probe.Contains(' ', StringComparison.Ordinal) ? Probe.Split(' ')[0] : Method == "*" ? "GET" : Method;

        public string ProbePath => Probe.Split(' ')[^1];
    }
}

/// <summary>The app and one caller of each kind, made once for the class: the probes read and change nothing a later probe sees.</summary>
public sealed class AuthorizationMatrixCallers : IAsyncLifetime
{
    public SecurityApp App { get; } = new();

    /// <summary>How each kind of caller (other than a token) marks its request.</summary>
    public Dictionary<string, Action<HttpRequestMessage>> Callers { get; } = [];

    /// <summary>The share-link token each token column sends.</summary>
    public Dictionary<string, string> Tokens { get; } = [];

    public async Task InitializeAsync()
    {
        await App.CreateUserAsync("viewer", DashboardRoles.Viewer);
        await App.CreateUserAsync("operator", DashboardRoles.Operator);
        await App.CreateUserAsync("locked", DashboardRoles.Admin);
        await App.ChangeUserAsync("locked", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1)));
        await App.CreateUserAsync("guessed", DashboardRoles.Admin);

        var viewer = await FormSignIn.CookieAsync(App, "viewer", SecurityApp.Password);
        var @operator = await FormSignIn.CookieAsync(App, "operator", SecurityApp.Password);
        var admin = await FormSignIn.CookieAsync(App, DashboardApp.AdminUser, DashboardApp.AdminPassword);

        var porch = await App.CreateLinkAsync("porch", "porch link");
        var yard = await App.CreateLinkAsync("yard", "yard link");
        var expired = await App.CreateLinkAsync("porch", "expired link", DateTimeOffset.UtcNow.AddHours(1));
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            await db.ShareLinks.Where(l => l.Id == expired.Link.Id)
                .ExecuteUpdateAsync(update => update.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var revoked = await App.CreateLinkAsync("porch", "revoked link");
        Assert.True((await App.Links.RevokeAsync(await App.PrincipalAsync(DashboardApp.AdminUser), revoked.Link.Id)).Succeeded);

        Callers["anonymous"] = _ => { };
        Callers["viewer"] = r => r.Headers.Add("Cookie", viewer);
        Callers["operator"] = r => r.Headers.Add("Cookie", @operator);
        Callers["admin"] = r => r.Headers.Add("Cookie", admin);
        Tokens["token"] = porch.Token;
        Tokens["token for yard"] = yard.Token;
        Tokens["expired token"] = expired.Token;
        Tokens["revoked token"] = revoked.Token;
        Callers["wrong Basic password"] = r => r.Headers.Authorization = AuthorizationMatrixTests.Basic("guessed", "not-the-password");
        Callers["locked-out user"] = r => r.Headers.Authorization = AuthorizationMatrixTests.Basic("locked", SecurityApp.Password);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
