using Dashboard.Access;
using Dashboard.Access.Sharing;
using Dashboard.Access.Users;

namespace Dashboard.Tests.Access.Users;

/// <summary>The rules of user management and share links, enforced by the services whoever calls them.</summary>
/// <remarks>
/// The tests share one app with a viewer and an operator; the two that demote, delete or disable the first admin or
/// the viewer run on an app of their own.
/// </remarks>
public sealed class UserAdministrationTests(ViewerAndOperatorApp shared) : IClassFixture<ViewerAndOperatorApp>
{
    private readonly SecurityApp _app = shared.App;

    private UserAdministration Users => _app.UserAdministration;

    [Theory]
    [InlineData("viewer")]
    [InlineData("operator")]
    public async Task OnlyAdminsMayManageUsersWhateverThePageShows(string userName)
    {
        var caller = await _app.PrincipalAsync(userName);
        var target = (await _app.FindUserAsync("viewer")).Id;

        Assert.Equal(ChangeStatus.Refused, (await Users.ListAsync(caller)).Status);
        Assert.Equal(ChangeStatus.Refused, (await Users.CreateAsync(caller, new NewUser("mallory", DashboardRoles.Admin, "Mallory-Password-1"))).Status);
        Assert.Equal(ChangeStatus.Refused, (await Users.SetRoleAsync(caller, target, DashboardRoles.Admin)).Status);
        Assert.Equal(ChangeStatus.Refused, (await Users.ResetPasswordAsync(caller, target, "Mallory-Password-1")).Status);
        Assert.Equal(ChangeStatus.Refused, (await Users.SetDisabledAsync(caller, target, true)).Status);
        Assert.Equal(ChangeStatus.Refused, (await Users.UnlockAsync(caller, target)).Status);
        Assert.Equal(ChangeStatus.Refused, (await Users.DeleteAsync(caller, target)).Status);
    }

    [Fact]
    public async Task AnAdminPrincipalThatIsNoLongerAnEnabledAdminIsRefused()
    {
        Assert.True((await Users.CreateAsync(await _app.PrincipalAsync(DashboardApp.AdminUser), new NewUser("second", DashboardRoles.Admin, "Second-Password-1"))).Succeeded);
        var stale = await _app.PrincipalAsync("second");
        var second = await _app.FindUserAsync("second");

        Assert.True((await Users.SetRoleAsync(await _app.PrincipalAsync(DashboardApp.AdminUser), second.Id, DashboardRoles.Viewer)).Succeeded);

        // The principal still says Admin (as an open dashboard would for up to a minute); the database does not.
        Assert.True(stale.IsInRole(DashboardRoles.Admin));
        Assert.Equal(ChangeStatus.Refused, (await Users.ListAsync(stale)).Status);
    }

    [Fact]
    public async Task ViewersMayNotCreateListOrRevokeShareLinks()
    {
        var viewer = await _app.PrincipalAsync("viewer");
        var link = await _app.CreateLinkAsync("yard", "kept");

        Assert.Equal(ChangeStatus.Refused, (await _app.Links.CreateAsync(viewer, new NewShareLink("yard", "mine", null))).Status);
        Assert.Equal(ChangeStatus.Refused, (await _app.Links.ListAsync(viewer, "yard")).Status);
        Assert.Equal(ChangeStatus.Refused, (await _app.Links.RevokeAsync(viewer, link.Link.Id)).Status);
        var created = await _app.Links.CreateAsync(await _app.PrincipalAsync("operator"), new NewShareLink("yard", "operator's", null));
        Assert.True(created.Succeeded);
        Assert.Equal("operator", created.Value!.Link.CreatedBy);
    }

    [Fact]
    public async Task ShareLinkRequestsAreCheckedPerField()
    {
        var @operator = await _app.PrincipalAsync("operator");

        var result = await _app.Links.CreateAsync(@operator, new NewShareLink("nope", "  ", DateTimeOffset.UtcNow.AddMinutes(-1)));

        Assert.False(result.Succeeded);
        Assert.Equal("Enter a name, e.g. who the link is for.", result.ErrorFor(nameof(NewShareLink.Name)));
        Assert.StartsWith("Pick a time in the future", result.ErrorFor(nameof(NewShareLink.ExpiresAt)), StringComparison.Ordinal);
        Assert.Equal("There is no camera 'nope'.", result.ErrorFor(nameof(NewShareLink.CameraId)));
        var tooLong = await _app.Links.CreateAsync(@operator, new NewShareLink("porch", new string('x', 101), null));
        Assert.Equal("Use at most 100 characters (this is 101).", tooLong.ErrorFor(nameof(NewShareLink.Name)));
        Assert.Empty((await _app.Links.ListAsync(@operator, "porch")).Value!);
    }

    [Fact]
    public async Task TheLastEnabledAdminCannotBeDemotedDisabledOrDeleted()
    {
        await using var app = await ViewerAndOperatorApp.StartAsync();
        var admin = await app.PrincipalAsync(DashboardApp.AdminUser);
        var self = (await app.FindUserAsync(DashboardApp.AdminUser)).Id;
        const string Refusal = "admin is the last enabled admin. Make another user an admin first.";

        Assert.Equal(Refusal, (await app.UserAdministration.SetRoleAsync(admin, self, DashboardRoles.Operator)).ErrorFor(ChangeResult.General));
        Assert.Equal(Refusal, (await app.UserAdministration.SetDisabledAsync(admin, self, true)).ErrorFor(ChangeResult.General));
        Assert.Equal(Refusal, (await app.UserAdministration.DeleteAsync(admin, self)).ErrorFor(ChangeResult.General));

        // A disabled admin does not count.
        Assert.True((await app.UserAdministration.CreateAsync(admin, new NewUser("standby", DashboardRoles.Admin, "Standby-Password-1"))).Succeeded);
        var standby = (await app.FindUserAsync("standby")).Id;
        Assert.True((await app.UserAdministration.SetDisabledAsync(admin, standby, true)).Succeeded);
        Assert.Equal(Refusal, (await app.UserAdministration.SetRoleAsync(admin, self, DashboardRoles.Viewer)).ErrorFor(ChangeResult.General));

        Assert.True((await app.UserAdministration.SetDisabledAsync(admin, standby, false)).Succeeded);
        Assert.Equal("You cannot delete your own account. Another admin can.", (await app.UserAdministration.DeleteAsync(admin, self)).ErrorFor(ChangeResult.General));
        Assert.True((await app.UserAdministration.DeleteAsync(await app.PrincipalAsync("standby"), self)).Succeeded);
        Assert.Equal(DashboardRoles.Admin, Assert.Single((await app.UserAdministration.ListAsync(await app.PrincipalAsync("standby"))).Value!, u => u.UserName == "standby").Role);
    }

    [Fact]
    public async Task NewUsersGetIdentitysMessagesPerField()
    {
        var admin = await _app.PrincipalAsync(DashboardApp.AdminUser);

        var weak = await Users.CreateAsync(admin, new NewUser("viewer", "Boss", "short"));

        Assert.Equal("Username 'viewer' is already taken.", weak.ErrorFor(nameof(NewUser.UserName)));
        Assert.Equal("Pick a role.", weak.ErrorFor(nameof(NewUser.Role)));
        Assert.Contains("Passwords must be at least 10 characters.", weak.ErrorFor(nameof(NewUser.Password)), StringComparison.Ordinal);
        Assert.Contains("Passwords must have at least one digit ('0'-'9').", weak.ErrorFor(nameof(NewUser.Password)), StringComparison.Ordinal);
        Assert.Equal("Enter a user name.", (await Users.CreateAsync(admin, new NewUser(" ", DashboardRoles.Viewer, "Good-Password-1"))).ErrorFor(nameof(NewUser.UserName)));
        Assert.Contains("is invalid", (await Users.CreateAsync(admin, new NewUser("with space", DashboardRoles.Viewer, "Good-Password-1"))).ErrorFor(nameof(NewUser.UserName)), StringComparison.Ordinal);

        Assert.True((await Users.CreateAsync(admin, new NewUser("erin", DashboardRoles.Operator, "Good-Password-1"))).Succeeded);
        var erin = Assert.Single((await Users.ListAsync(admin)).Value!, u => u.UserName == "erin");
        Assert.Equal(DashboardRoles.Operator, erin.Role);
        Assert.False(erin.IsDisabled);
        Assert.Null(erin.LockedOutUntil);
    }

    [Fact]
    public async Task RoleChangesPasswordResetsAndDisablingGiveANewSecurityStampAndUnlockEndsALockout()
    {
        await using var app = await ViewerAndOperatorApp.StartAsync();
        var admin = await app.PrincipalAsync(DashboardApp.AdminUser);
        var viewer = await app.FindUserAsync("viewer");

        async Task<string?> StampAsync() => (await app.FindUserAsync("viewer")).SecurityStamp;
        var stamp = await StampAsync();
        Assert.True((await app.UserAdministration.SetRoleAsync(admin, viewer.Id, DashboardRoles.Operator)).Succeeded);
        Assert.NotEqual(stamp, stamp = await StampAsync());
        Assert.True((await app.UserAdministration.ResetPasswordAsync(admin, viewer.Id, "Reset-Password-9")).Succeeded);
        Assert.NotEqual(stamp, stamp = await StampAsync());
        Assert.True((await app.UserAdministration.SetDisabledAsync(admin, viewer.Id, true)).Succeeded);
        Assert.NotEqual(stamp, await StampAsync());
        Assert.Contains("Passwords must", (await app.UserAdministration.ResetPasswordAsync(admin, viewer.Id, "weak")).ErrorFor(nameof(NewUser.Password)), StringComparison.Ordinal);

        await app.ChangeUserAsync("viewer", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(5)));
        Assert.NotNull(Assert.Single((await app.UserAdministration.ListAsync(admin)).Value!, u => u.UserName == "viewer").LockedOutUntil);
        Assert.True((await app.UserAdministration.UnlockAsync(admin, viewer.Id)).Succeeded);
        Assert.Null(Assert.Single((await app.UserAdministration.ListAsync(admin)).Value!, u => u.UserName == "viewer").LockedOutUntil);
    }
}

/// <summary>The app with a viewer (<c>viewer</c>) and an operator (<c>operator</c>) besides the first admin.</summary>
public sealed class ViewerAndOperatorApp : IAsyncLifetime
{
    public SecurityApp App { get; } = new();

    /// <summary>An app of a test's own, for a test that changes users the others rely on.</summary>
    public static async Task<SecurityApp> StartAsync()
    {
        var fixture = new ViewerAndOperatorApp();
        await fixture.InitializeAsync();
        return fixture.App;
    }

    public async Task InitializeAsync()
    {
        await App.CreateUserAsync("viewer", DashboardRoles.Viewer);
        await App.CreateUserAsync("operator", DashboardRoles.Operator);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
