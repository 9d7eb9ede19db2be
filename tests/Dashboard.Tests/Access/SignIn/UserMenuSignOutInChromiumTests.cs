using System.Net;
using Microsoft.Playwright;
using Streaming.Http;

namespace Dashboard.Tests.Access.SignIn;

/// <summary>
/// Signing out as a user does it: the published app in Production, Debian's Chromium, the user menu in the app bar
/// opened by its name, its "Sign out" clicked. The browser lands on the sign-in page and the session it had is over
/// on the server, so a copy of its old cookie opens neither a page nor a feed.
/// </summary>
public sealed class UserMenuSignOutInChromiumTests(ChromiumFixture chromium) : ChromiumTest(chromium), IDisposable
{
    private readonly Dictionary<string, string> _settings = new()
    {
        ["Auth__AdminPassword"] = DashboardApp.AdminPassword,
        ["Cameras__0__Id"] = "porch",
        ["Cameras__0__Name"] = "Porch",
        ["Cameras__0__Width"] = "320",
        ["Cameras__0__Height"] = "240",
        ["Cameras__0__Fps"] = "10",
        ["Streaming__DefaultCamera"] = "porch",
    };

    private ChildApp? _app;

    public void Dispose()
    {
        _app?.Dispose();
    }

    [Fact]
    public async Task SigningOutFromTheUserMenuLandsOnTheSignInPageAndTheOldCookieOpensNothing()
    {
        _app = AppProcess.Start(_settings, await PublishedCopy.SharedAsync());
        var address = await _app.AddressAsync(TimeSpan.FromSeconds(60));
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await page.SubmitSignInFormAsync(DashboardApp.AdminUser, DashboardApp.AdminPassword);
        // The first sign-in of a process just started compiles its whole path (Identity, EF Core, the grid), and this
        // test starts with the suite, while both cores are busiest: it waited more than 30 s once.
        await page.WaitForSignedInAsync(TimeSpan.FromSeconds(90));
        var kept = await context.CookiesAsync();
        var cookie = string.Join("; ", kept.Select(c => $"{c.Name}={c.Value}"));
        Assert.Equal(HttpStatusCode.OK, await FeedStatusAsync(address, cookie));

        // Pages are not prerendered, so the menu's button exists only once the circuit is live and a click is handled.
        var account = page.GetByRole(AriaRole.Button, new() { Name = "Account: admin", Exact = true });
        // A click that lands while the layout is still rendering its first frame can be lost: click again until it opens (10 s at most).
        for (var attempt = 1; ; attempt++)
        {
            await account.ClickAsync();
            try
            {
                await Assertions.Expect(account).ToHaveAttributeAsync("aria-expanded", "true", new() { Timeout = 2_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }

        var signOut = page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out", Exact = true });
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("user-menu-open") });
        await signOut.ClickAsync();

        await page.WaitForPathAsync("/account/login");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("user-menu-signed-out") });

        // A copy of the cookie the browser had: the server ended that session, so pages send it to sign in and feeds refuse it.
        await using var copy = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString() });
        await copy.AddCookiesAsync(kept.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var again = await copy.NewPageAsync();
        // The server redirects (302) before the page commits, so the committed URL is the final one.
        await again.GotoAsync("", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        Assert.Equal("/account/login", new Uri(again.Url).AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, await FeedStatusAsync(address, cookie));
    }

    /// <summary>The status of a feed request with the cookie header (headers only: a feed never ends on its own).</summary>
    private static async Task<HttpStatusCode> FeedStatusAsync(Uri address, string cookie)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(FeedRoutes.Feed("porch"), UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
