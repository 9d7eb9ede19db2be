using Bunit.Rendering;
using Dashboard.Access;
using Dashboard.Access.Users.Pages;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;

namespace Dashboard.Tests.Access.Users;

public sealed class UsersPageTests() : SecurityBunitContext("admin", DashboardRoles.Admin)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Security.CreateUserAsync("vera", DashboardRoles.Viewer, async (users, user) =>
        {
            user.IsDisabled = true;
            await users.UpdateAsync(user);
        });
        await Security.CreateUserAsync("otto", DashboardRoles.Operator, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    [Fact]
    public void ListsEveryUserWithRoleStateAndActions()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(["admin", "otto", "vera"], page.FindAll("tr[data-user]").Select(r => r.GetAttribute("data-user"))));
        Assert.Contains("(you)", Row(page, "admin").TextContent, StringComparison.Ordinal);
        Assert.Contains("Disabled", Row(page, "vera").TextContent, StringComparison.Ordinal);
        Assert.Contains("Enable", Buttons(page, "vera"));
        Assert.Contains("Locked until", Row(page, "otto").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Reset password", "Disable", "Unlock", "Delete"], Buttons(page, "otto"));
        Assert.Equal(["Reset password", "Disable", "Delete"], Buttons(page, "admin"));
    }

    [Fact]
    public async Task NewUserGetsIdentitysPasswordRulesUnderThePasswordField()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-user]")));

        await page.InputLabelled("User name").InputAsync(new ChangeEventArgs { Value = "newbie" });
        await page.InputLabelled("Initial password").InputAsync(new ChangeEventArgs { Value = "short" });
        await ClickAsync(page, "Create user");

        page.WaitForAssertion(() => Assert.Contains("Passwords must be at least 10 characters.", page.ErrorUnder("Initial password"), StringComparison.Ordinal));
        Assert.Empty(page.FindAll("tr[data-user=newbie]"));

        await page.InputLabelled("Initial password").InputAsync(new ChangeEventArgs { Value = "Newbie-Password-1" });
        await ClickAsync(page, "Create user");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-user=newbie]")));
        Assert.Contains("Created newbie.", page.Find(".mud-alert").TextContent, StringComparison.Ordinal);
        Assert.Equal("", page.ErrorUnder("Initial password"));
    }

    [Fact]
    public async Task DisablingTheLastEnabledAdminIsRefusedWithAMessage()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-user]")));

        await Row(page, "admin").QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Disable").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("admin is the last enabled admin. Make another user an admin first.", page.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Contains("Enabled", Row(page, "admin").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoleChosenInTheListIsSavedAndARefusedOneSnapsBack()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-user]")));
        MudSelect<string> RoleOf(string user) => page.FindComponents<MudSelect<string>>()
            .Single(s => s.Instance.UserAttributes.TryGetValue("aria-label", out var label) && (string?)label == $"Role of {user}").Instance;

        await page.InvokeAsync(() => RoleOf("otto").ValueChanged.InvokeAsync(DashboardRoles.Viewer));

        page.WaitForAssertion(() => Assert.Contains("otto is now a Viewer.", page.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal(DashboardRoles.Viewer, RoleOf("otto").GetState(x => x.Value));

        await page.InvokeAsync(() => RoleOf("admin").ValueChanged.InvokeAsync(DashboardRoles.Operator));

        page.WaitForAssertion(() => Assert.Contains("admin is the last enabled admin.", page.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal(DashboardRoles.Admin, RoleOf("admin").GetState(x => x.Value));
    }

    [Fact]
    public void AViewerWhoReachesThePageAnywayGetsTheServersRefusalNotTheList()
    {
        Authorization.SetAuthorized("vera").SetRoles(DashboardRoles.Viewer).SetPolicies();

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Only admins may manage users.", page.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("tr[data-user]"));
    }

    private IRenderedComponent<ContainerFragment> RenderPage() => RenderWithProviders<UsersPage>();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<ContainerFragment> page, string user) => page.Find($"tr[data-user={user}]");

    private static List<string> Buttons(IRenderedComponent<ContainerFragment> page, string user) =>
        [.. Row(page, user).QuerySelectorAll("button").Select(b => b.TextContent.Trim())];

    private static Task ClickAsync(IRenderedComponent<ContainerFragment> page, string text) =>
        page.FindAll("button").First(b => b.TextContent.Trim() == text).ClickAsync(new());
}
