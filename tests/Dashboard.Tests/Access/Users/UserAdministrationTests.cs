using Dashboard.Access;
using Dashboard.Access.Sharing;
using Dashboard.Access.Users;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Access.Users;

/// <summary>The rules of user management and share links, enforced by the services whoever calls them.</summary>
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly SecurityApp _app = new();

    private UserAdministration Users => _app.UserAdministration;

    public async Task InitializeAsync()
    {
        await _app.CreateUserAsync("viewer", DashboardRoles.Viewer);
        await _app.CreateUserAsync("operator", DashboardRoles.Operator);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("viewer")]
    [InlineData("operator")]
    public async Task OnlyAdminsMayManageUsersWhateverThePageShows(string userName)
    {
        var caller = await _app.PrincipalAsync(userName);
        var target = (await _app.FindUserAsync("viewer")).Id;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.ListAsync(caller));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.CreateAsync(caller, new NewUser("mallory", DashboardRoles.Admin, "Mallory-Password-1")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.SetRoleAsync(caller, target, DashboardRoles.Admin));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.ResetPasswordAsync(caller, target, "Mallory-Password-1"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.SetDisabledAsync(caller, target, true));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.UnlockAsync(caller, target));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.DeleteAsync(caller, target));
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
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.ListAsync(stale));
    }

    [Fact]
    public async Task ViewersMayNotCreateListOrRevokeShareLinks()
    {
        var viewer = await _app.PrincipalAsync("viewer");
        var link = await _app.CreateLinkAsync("porch", "kept");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _app.Links.CreateAsync(viewer, new NewShareLink("porch", "mine", null)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _app.Links.ListAsync(viewer, "porch"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _app.Links.RevokeAsync(viewer, link.Link.Id));
        var created = await _app.Links.CreateAsync(await _app.PrincipalAsync("operator"), new NewShareLink("porch", "operator's", null));
        Assert.True(created.Succeeded);
        Assert.Equal("operator", created.Created!.Link.CreatedBy);
    }

    [Fact]
    public async Task ShareLinkRequestsAreCheckedPerField()
    {
        var @operator = await _app.PrincipalAsync("operator");

        var result = await _app.Links.CreateAsync(@operator, new NewShareLink("nope", "  ", DateTimeOffset.UtcNow.AddMinutes(-1)));

        Assert.False(result.Succeeded);
        Assert.Equal("Enter a name, e.g. who the link is for.", result.Errors[nameof(NewShareLink.Name)]);
        Assert.StartsWith("Pick a time in the future", result.Errors[nameof(NewShareLink.ExpiresAt)], StringComparison.Ordinal);
        Assert.Equal("There is no camera 'nope'.", result.Errors[nameof(NewShareLink.CameraId)]);
        var tooLong = await _app.Links.CreateAsync(@operator, new NewShareLink("porch", new string('x', 101), null));
        Assert.Equal("Use at most 100 characters (this is 101).", tooLong.Errors[nameof(NewShareLink.Name)]);
        Assert.Empty(await _app.Links.ListAsync(@operator, "porch"));
    }

    [Fact]
    public async Task TheLastEnabledAdminCannotBeDemotedDisabledOrDeleted()
    {
        var admin = await _app.PrincipalAsync(DashboardApp.AdminUser);
        var self = (await _app.FindUserAsync(DashboardApp.AdminUser)).Id;
        const string Refusal = "admin is the last enabled admin. Make another user an admin first.";

        Assert.Equal(Refusal, (await Users.SetRoleAsync(admin, self, DashboardRoles.Operator)).ErrorFor(UserChange.General));
        Assert.Equal(Refusal, (await Users.SetDisabledAsync(admin, self, true)).ErrorFor(UserChange.General));
        Assert.Equal(Refusal, (await Users.DeleteAsync(admin, self)).ErrorFor(UserChange.General));

        // A disabled admin does not count.
        Assert.True((await Users.CreateAsync(admin, new NewUser("standby", DashboardRoles.Admin, "Standby-Password-1"))).Succeeded);
        var standby = (await _app.FindUserAsync("standby")).Id;
        Assert.True((await Users.SetDisabledAsync(admin, standby, true)).Succeeded);
        Assert.Equal(Refusal, (await Users.SetRoleAsync(admin, self, DashboardRoles.Viewer)).ErrorFor(UserChange.General));

        Assert.True((await Users.SetDisabledAsync(admin, standby, false)).Succeeded);
        Assert.Equal("You cannot delete your own account. Another admin can.", (await Users.DeleteAsync(admin, self)).ErrorFor(UserChange.General));
        Assert.True((await Users.DeleteAsync(await _app.PrincipalAsync("standby"), self)).Succeeded);
        Assert.Equal(DashboardRoles.Admin, Assert.Single(await Users.ListAsync(await _app.PrincipalAsync("standby")), u => u.UserName == "standby").Role);
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
        var erin = Assert.Single(await Users.ListAsync(admin), u => u.UserName == "erin");
        Assert.Equal(DashboardRoles.Operator, erin.Role);
        Assert.False(erin.IsDisabled);
        Assert.Null(erin.LockedOutUntil);
    }

    [Fact]
    public async Task RoleChangesPasswordResetsAndDisablingGiveANewSecurityStampAndUnlockEndsALockout()
    {
        var admin = await _app.PrincipalAsync(DashboardApp.AdminUser);
        var viewer = await _app.FindUserAsync("viewer");

        async Task<string?> StampAsync() => (await _app.FindUserAsync("viewer")).SecurityStamp;
        var stamp = await StampAsync();
        Assert.True((await Users.SetRoleAsync(admin, viewer.Id, DashboardRoles.Operator)).Succeeded);
        Assert.NotEqual(stamp, stamp = await StampAsync());
        Assert.True((await Users.ResetPasswordAsync(admin, viewer.Id, "Reset-Password-9")).Succeeded);
        Assert.NotEqual(stamp, stamp = await StampAsync());
        Assert.True((await Users.SetDisabledAsync(admin, viewer.Id, true)).Succeeded);
        Assert.NotEqual(stamp, await StampAsync());
        Assert.Contains("Passwords must", (await Users.ResetPasswordAsync(admin, viewer.Id, "weak")).ErrorFor(nameof(NewUser.Password)), StringComparison.Ordinal);

        await _app.ChangeUserAsync("viewer", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(5)));
        Assert.NotNull(Assert.Single(await Users.ListAsync(admin), u => u.UserName == "viewer").LockedOutUntil);
        Assert.True((await Users.UnlockAsync(admin, viewer.Id)).Succeeded);
        Assert.Null(Assert.Single(await Users.ListAsync(admin), u => u.UserName == "viewer").LockedOutUntil);
    }
}
