using Dashboard.Access;
using Dashboard.Access.Sharing;
using Dashboard.Access.Users;
using Microsoft.Playwright;

namespace Dashboard.Tests.Access;

/// <summary>Signing in, what each role sees, user management and share links, in Debian's Chromium against the real app.</summary>
public sealed class SignInAndSharingInChromiumTests(ChromiumFixture chromium, ViewerAndOperatorSignIns users) : ChromiumTest(chromium), IClassFixture<ViewerAndOperatorSignIns>
{
    private readonly SecurityApp _app = users.App;

    [Fact]
    public async Task WrongPasswordsAndThePauseAfterThemGetOneAnswerThatSaysHowLongToWait()
    {
        const string refused = "Wrong user name or password, or too many failed attempts: then wait 5 minutes.";
        // A viewer of its own: the pause it earns would refuse the other tests' viewer from this address.
        await _app.CreateUserAsync("wendy", DashboardRoles.Viewer);
        await using var context = await Browser.NewContextAsync(Support.SignIn.Options(_app));
        var page = await context.NewPageAsync();

        await page.SubmitSignInFormAsync("wendy", "not-my-password");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(refused);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("sign-in-wrong-password") });
        await page.SubmitSignInFormAsync("wendy", "still-not-it");
        await page.SubmitSignInFormAsync("wendy", "and-again");
        await page.SubmitSignInFormAsync("wendy", SecurityApp.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(refused);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("sign-in-locked-out") });

        await page.SubmitSignInFormAsync("oscar", SecurityApp.Password);
        await page.WaitForSignedInAsync();
        await Assertions.Expect(page.GetByText("oscar", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AViewerSeesNoOperatorOrAdminActionsAndTheServerRefusesThemAnyway()
    {
        await using var context = await Browser.NewSignedInContextAsync(_app, "vicky", SecurityApp.Password);
        var page = await context.NewPageAsync();

        await page.GotoAsync("cameras/porch", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

        await Assertions.Expect(page.GetByText("Embed", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Snapshot", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Edit", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Share links", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("camera-page-as-viewer") });

        await page.GotoAsync("admin/users", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByText("Your account's role does not allow this.")).ToBeVisibleAsync();
        var direct = await context.APIRequest.GetAsync("admin/users", new() { MaxRedirects = 0 });
        Assert.Equal((302, "/account/access-denied"), (direct.Status, new Uri(direct.Headers["location"], UriKind.RelativeOrAbsolute).ToString().Split('?')[0].Replace(_app.Address.ToString().TrimEnd('/'), "", StringComparison.Ordinal)));

        var viewer = await _app.PrincipalAsync("vicky");
        Assert.Equal(ChangeStatus.Refused, (await _app.Links.CreateAsync(viewer, new NewShareLink("porch", "mine", null))).Status);
        Assert.Equal(ChangeStatus.Refused, (await _app.UserAdministration.ListAsync(viewer)).Status);
        Assert.Equal(ChangeStatus.Refused, (await _app.UserAdministration.CreateAsync(viewer, new NewUser("mallory", DashboardRoles.Admin, "Mallory-Password-1"))).Status);
    }

    [Fact]
    public async Task AnOperatorsShareLinkShowsTheFeedWithoutSignInUntilItIsRevoked()
    {
        await using var context = await Browser.NewSignedInContextAsync(_app, "oscar", SecurityApp.Password);
        var page = await context.NewPageAsync();
        await page.GotoAsync("cameras/porch", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByText("Share links", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);

        await Interactive.FillAsync(page, "Link name", "Neighbour", IssuedSecret.MaxNameLength);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var shown = page.GetByRole(AriaRole.Textbox, new() { Name = "Share link feed URL" });
        await Assertions.Expect(shown).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"/video_feed/porch\?token=[A-Za-z0-9_-]{43}$"));
        var url = await shown.InputValueAsync();
        var links = page.GetByRole(AriaRole.Table, new() { Name = "Share links" });
        await Assertions.Expect(links.GetByRole(AriaRole.Row).Filter(new() { HasText = "Neighbour" })).ToContainTextAsync("Active");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("share-link-created"), FullPage = true });

        // Shown once: a new visit of the page lists the link but never shows its token again.
        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(links.GetByRole(AriaRole.Row).Filter(new() { HasText = "Neighbour" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Share link feed URL" })).ToHaveCountAsync(0);
        Assert.DoesNotContain(url.Split("token=")[1], await page.ContentAsync(), StringComparison.Ordinal);

        // Someone else's browser, never signed in.
        await using var stranger = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 600 } });
        var tv = await stranger.NewPageAsync();
        await tv.SetContentAsync($"<img id=\"feed\" alt=\"Porch\" src=\"{url}\">", new PageSetContentOptions { WaitUntil = WaitUntilState.Commit });
        await tv.WaitForFunctionAsync("() => document.getElementById('feed').naturalWidth > 0", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        await tv.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("share-link-feed-without-sign-in") });

        await links.GetByRole(AriaRole.Button, new() { Name = "Revoke Neighbour" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("Whoever uses it is cut off at once");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(links.GetByRole(AriaRole.Row).Filter(new() { HasText = "Neighbour" })).ToContainTextAsync("Revoked");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("share-link-revoked"), FullPage = true });

        var again = await stranger.APIRequest.GetAsync(url, new() { MaxRedirects = 0, Timeout = 10_000 });
        Assert.Equal(401, again.Status);
    }

    [Fact]
    public async Task AnAdminManagesUsersAndCannotLockEveryoneOut()
    {
        await using var context = await Browser.NewSignedInContextAsync(_app);
        var page = await context.NewPageAsync();
        await page.GotoAsync("", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();

        await Interactive.FillAsync(page, "User name", "frank", UserAdministration.MaxUserNameLength);
        await page.GetByLabel("Initial password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Passwords must be at least 10 characters.", new() { Exact = false })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("users-password-rules"), FullPage = true });

        await page.GetByLabel("Initial password").FillAsync("Frank-Password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Created frank." })).ToBeVisibleAsync();
        var users = page.GetByRole(AriaRole.Table, new() { Name = "Users" });
        var frank = users.GetByRole(AriaRole.Row).Filter(new() { HasText = "frank" });
        await Assertions.Expect(frank).ToContainTextAsync("Enabled");

        await users.GetByRole(AriaRole.Row).Filter(new() { HasText = "(you)" }).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "admin is the last enabled admin. Make another user an admin first." })).ToBeVisibleAsync();

        await frank.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(frank).ToContainTextAsync("Disabled");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("users-page"), FullPage = true });
        using var basic = _app.CreateBasicClient("frank", "Frank-Password-1");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await basic.GetAsync(new Uri("api/cameras", UriKind.Relative))).StatusCode);
    }
}

/// <summary>The app the class shares: three wrong passwords pause an address for an account; a viewer (vicky) and an operator (oscar).</summary>
public sealed class ViewerAndOperatorSignIns : IAsyncLifetime
{
    public SecurityApp App { get; } = (SecurityApp)new SecurityApp().WithSetting("Auth:MaxFailedAttempts", "3");

    public async Task InitializeAsync()
    {
        await App.CreateUserAsync("vicky", DashboardRoles.Viewer);
        await App.CreateUserAsync("oscar", DashboardRoles.Operator);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
