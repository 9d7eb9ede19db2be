using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>Signing in from tests: through the real sign-in form in Chromium, or with HTTP Basic for plain clients.</summary>
public static class SignIn
{
    /// <summary>A browser context signed in as the user (the form is filled once per app and user; later contexts reuse the cookie).</summary>
    public static async Task<IBrowserContext> NewSignedInContextAsync(
        this IBrowser browser, DashboardApp app, string user = DashboardApp.AdminUser, string password = DashboardApp.AdminPassword, ViewportSize? viewport = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(app);
        var state = await app.StorageStates.GetOrAdd(user, _ => SignInOnceAsync(browser, app, user, password));
        var options = Options(app, state);
        options.ViewportSize = viewport ?? options.ViewportSize;
        return await browser.NewContextAsync(options);
    }

    /// <summary>Fills in and submits the sign-in form on a page; the page ends wherever the server sends it.</summary>
    public static async Task SubmitSignInFormAsync(this IPage page, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("account/login");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static BrowserNewContextOptions Options(DashboardApp app, string? storageState = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new BrowserNewContextOptions
        {
            BaseURL = app.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            StorageState = storageState,
        };
    }

    /// <summary>An HTTP client sending the user's credentials as HTTP Basic (as Home Assistant or VLC would).</summary>
    public static HttpClient CreateBasicClient(this DashboardApp app, string user = DashboardApp.AdminUser, string password = DashboardApp.AdminPassword)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    private static async Task<string> SignInOnceAsync(IBrowser browser, DashboardApp app, string user, string password)
    {
        await using var context = await browser.NewContextAsync(Options(app));
        var page = await context.NewPageAsync();
        await page.SubmitSignInFormAsync(user, password);
        await page.WaitForSignedInAsync();
        return await context.StorageStateAsync();
    }
}
