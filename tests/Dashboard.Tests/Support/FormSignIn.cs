using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Support;

/// <summary>What the sign-in form answered: the status, the sign-in cookie when it worked, the page otherwise.</summary>
public sealed record FormSignInResult(HttpStatusCode Status, string? Cookie, string Page)
{
    public bool SignedIn => Cookie is not null;
}

/// <summary>
/// Signs in through the real server-rendered form over plain HTTP, the way a browser without scripts would:
/// GET the page for its antiforgery token and cookie, POST the fields back.
/// </summary>
public static partial class FormSignIn
{
    public const string CookieName = "dashboard.auth";

    public static async Task<FormSignInResult> SubmitAsync(DashboardApp app, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateRawClient();
        return await SubmitAsync(client, userName, password);
    }

    /// <summary>The same with a client of the test's own (e.g. from another address); it must not send credentials itself.</summary>
    public static async Task<FormSignInResult> SubmitAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (loginPage, token) = await AntiforgeryAsync(client, cookie: null);
        using var page = loginPage;

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("account/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(
            [
                new("_handler", "login"),
                new("__RequestVerificationToken", token),
                new("Input.UserName", userName),
                new("Input.Password", password),
            ]),
        };
        request.Headers.Add("Cookie", string.Join("; ", Cookies(page)));
        using var response = await client.SendAsync(request);
        var auth = Cookies(response).Where(c => c.StartsWith(CookieName, StringComparison.Ordinal)).ToList();
        return new FormSignInResult(
            response.StatusCode,
            auth.Count > 0 && response.StatusCode == HttpStatusCode.Redirect ? string.Join("; ", auth) : null,
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>
    /// Posts the user menu's sign-out form for the browser holding <paramref name="cookie"/>, with a valid antiforgery
    /// token for it (from a page it loads, as the menu's form has) or, when <paramref name="withToken"/> is false, without.
    /// </summary>
    public static async Task<HttpStatusCode> SignOutAsync(DashboardApp app, string cookie, bool withToken = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateRawClient();
        var fields = new List<KeyValuePair<string, string>>();
        var cookies = cookie;
        if (withToken)
        {
            var (loginPage, token) = await AntiforgeryAsync(client, cookie);
            using var page = loginPage;
            fields.Add(new("__RequestVerificationToken", token));
            cookies = string.Join("; ", Cookies(page).Prepend(cookie));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("account/logout", UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookies);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The sign-in cookie of a successful sign-in (fails the test otherwise).</summary>
    public static async Task<string> CookieAsync(DashboardApp app, string userName, string password)
    {
        var result = await SubmitAsync(app, userName, password);
        Assert.True(result.SignedIn, $"{userName} could not sign in ({(int)result.Status}).");
        return result.Cookie!;
    }

    /// <summary>The sign-in page (as the holder of <paramref name="cookie"/>, if any) and the antiforgery token in its form.</summary>
    private static async Task<(HttpResponseMessage Page, string Token)> AntiforgeryAsync(HttpClient client, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("account/login", UriKind.Relative));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var page = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html) is { Success: true } field
            ? WebUtility.HtmlDecode(field.Groups["value"].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery field.");
        return (page, token);
    }

    /// <summary>"name=value" of each Set-Cookie header.</summary>
    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';', 2)[0]) : [];

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="(?<value>[^"]*)"|<input[^>]*value="(?<value>[^"]*)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryField();
}
