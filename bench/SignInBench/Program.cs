using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using SignInBench;
using Tests.Support;

// Server CPU per 20 requests to /api/cameras/{id} signed in with the cookie, and with HTTP Basic, on the real
// dashboard (Release build, Production). Basic is measured with the credential cache (the default) and without it
// (Auth:CredentialCacheDuration=00:00:00, i.e. a password hash per request, as before the cache). See docs/benchmarks.md.
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;

// The process's CPU time counts in 10 ms ticks: 200 requests a round, reported per 20.
const int Requests = 200;
const int PerReport = 20;
var dll = BenchServer.DashboardDll();
var results = new Dictionary<string, List<double>>();

// Each server's Basic is compared with the cookie measured on the same server, in the same rounds.
foreach (var (cache, basicName, cookieName) in new[] { (TimeSpan.FromMinutes(5), "basic (cached)", "cookie"), (TimeSpan.Zero, "basic (no cache)", "cookie (no-cache server)") })
{
    results[cookieName] = [];
    results[basicName] = [];
    using var server = await BenchServer.StartAsync(dll, cache);
    using var cookieClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.Address };
    var cookie = await SignInAsync(cookieClient);
    cookieClient.DefaultRequestHeaders.Add("Cookie", cookie);
    using var basicClient = new HttpClient { BaseAddress = server.Address };
    basicClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
        "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BenchServer.AdminUser}:{BenchServer.AdminPassword}")));

    // Warm-up (JIT, connection pools, the first hash), then alternate the two kinds so the machine's drift hits both.
    await RunAsync(server, cookieClient, 5);
    await RunAsync(server, basicClient, 5);
    for (var round = 0; round < rounds; round++)
    {
        results[cookieName].Add(await RunAsync(server, cookieClient, Requests) * PerReport / Requests);
        results[basicName].Add(await RunAsync(server, basicClient, Requests) * PerReport / Requests);
        Console.Error.WriteLine($"{basicName}, round {round + 1}: cookie {results[cookieName][^1]:0} ms, basic {results[basicName][^1]:0} ms");
    }
}

var inv = CultureInfo.InvariantCulture;
var median = results.ToDictionary(r => r.Key, r => r.Value.Order().ElementAt(r.Value.Count / 2));
var report = new StringBuilder();
report.AppendLine(inv, $"Server CPU (user + system) per {PerReport} sequential GET /api/cameras/{BenchServer.CameraId} (rounds of {Requests}), median of {rounds} rounds ({Environment.ProcessorCount} cores, .NET {Environment.Version}):");
report.AppendLine();
report.AppendLine("| Server | Cookie, CPU per 20 requests | HTTP Basic, CPU per 20 requests | Basic vs cookie |");
report.AppendLine("|---|---:|---:|---:|");
report.AppendLine(inv, $"| credential cache on (default) | {median["cookie"]:0.0} ms | {median["basic (cached)"]:0.0} ms | {median["basic (cached)"] / median["cookie"]:0.00}x |");
report.AppendLine(inv, $"| `Auth:CredentialCacheDuration=00:00:00` (a hash per request) | {median["cookie (no-cache server)"]:0.0} ms | {median["basic (no cache)"]:0.0} ms | {median["basic (no cache)"] / median["cookie (no-cache server)"]:0.00}x |");

Console.WriteLine(report);
return 0;

static async Task<double> RunAsync(ChildApp server, HttpClient client, int requests)
{
    var before = server.Cpu();
    for (var i = 0; i < requests; i++)
    {
        using var response = await client.GetAsync(new Uri($"api/cameras/{BenchServer.CameraId}", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET api/cameras/{BenchServer.CameraId} answered {(int)response.StatusCode}.");
        }

        await response.Content.ReadAsByteArrayAsync();
    }

    return (server.Cpu() - before).TotalMilliseconds;
}

// The sign-in form, as a browser posts it: the page's antiforgery token and cookie, then the fields.
static async Task<string> SignInAsync(HttpClient client)
{
    using var page = await client.GetAsync(new Uri("account/login", UriKind.Relative));
    var html = await page.Content.ReadAsStringAsync();
    var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"__RequestVerificationToken\"") is { Success: true } m
        ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
        : throw new InvalidOperationException("The sign-in page has no antiforgery field."));
    using var form = new FormUrlEncodedContent(
    [
        new("_handler", "login"),
        new("__RequestVerificationToken", token),
        new("Input.UserName", BenchServer.AdminUser),
        new("Input.Password", BenchServer.AdminPassword),
    ]);
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("account/login", UriKind.Relative)) { Content = form };
    request.Headers.Add("Cookie", string.Join("; ", Cookies(page)));
    using var response = await client.SendAsync(request);
    var auth = Cookies(response).Where(c => c.StartsWith("dashboard.auth", StringComparison.Ordinal)).ToList();
    return auth.Count > 0 ? string.Join("; ", auth) : throw new InvalidOperationException($"Signing in failed ({(int)response.StatusCode}).");
}

static IEnumerable<string> Cookies(HttpResponseMessage response) =>
    response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';', 2)[0]) : [];
