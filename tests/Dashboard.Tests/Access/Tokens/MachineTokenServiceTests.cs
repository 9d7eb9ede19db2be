using System.Security.Cryptography;
using System.Text;
using Dashboard.Access.Tokens;
using Dashboard.Data;
using Dashboard.Nodes;
using Dashboard.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Tests.Access.Tokens;

/// <summary>
/// Machine tokens on the real app's database: made by their owner or an admin, shown once, stored as a hash, acting
/// with the owner's role at the time of use, and refused once revoked, expired or the owner disabled.
/// </summary>
public sealed class MachineTokenServiceTests : IAsyncLifetime
{
    private readonly SecurityApp _app = new SecurityApp().WithServices(services =>
    {
        services.AddMachineTokens();
        services.TryAddSingleton<IChangeBus, SingleNodeChangeBus>();
    });

    private MachineTokenService Tokens => _app.Tokens;

    private MachineTokenVerifier Verifier => _app.Services.GetRequiredService<MachineTokenVerifier>();

    public Task InitializeAsync() => _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ATokenIsShownOnceAndTheDatabaseKeepsOnlyItsHash()
    {
        var owner = await _app.CreateUserAsync("grafana-owner", DashboardRoles.Viewer);
        var created = await CreateAsync("grafana-owner", owner.Id, "Grafana");

        Assert.StartsWith(MachineTokenVerifier.Prefix, created.Secret, StringComparison.Ordinal);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var stored = await db.MachineTokens.AsNoTracking().SingleAsync(t => t.Id == created.Token.Id);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret))), stored.TokenHash);
        var row = string.Join("|", stored.Name, stored.TokenHash, stored.CreatedBy, stored.UserId);
        Assert.DoesNotContain(created.Secret[MachineTokenVerifier.Prefix.Length..], row, StringComparison.Ordinal);
        var listed = (await Tokens.ListAsync(await _app.PrincipalAsync("grafana-owner"), owner.Id)).Value;
        Assert.Equal("Grafana", Assert.Single(listed!).Name);
    }

    [Fact]
    public async Task ATokenActsWithItsOwnersRoleAtTheTimeOfUseNeverMore()
    {
        var owner = await _app.CreateUserAsync("ha-owner", DashboardRoles.Viewer);
        var created = await CreateAsync("ha-owner", owner.Id, "Home Assistant");

        var asViewer = await Verifier.VerifyAsync(created.Secret);
        Assert.NotNull(asViewer);
        Assert.Equal(owner.Id, asViewer.UserId);
        Assert.Equal("ha-owner", asViewer.UserName);
        Assert.Equal([DashboardRoles.Viewer], asViewer.Roles);

        await _app.ChangeUserAsync("ha-owner", async (users, user) =>
        {
            await users.RemoveFromRoleAsync(user, DashboardRoles.Viewer);
            return await users.AddToRoleAsync(user, DashboardRoles.Operator);
        });
        Assert.Equal([DashboardRoles.Operator], (await Verifier.VerifyAsync(created.Secret))?.Roles);
    }

    [Fact]
    public async Task RevokedExpiredUnknownAndDisabledOwnersTokensAreRefused()
    {
        var owner = await _app.CreateUserAsync("prometheus-owner", DashboardRoles.Viewer);
        var revoked = await CreateAsync("prometheus-owner", owner.Id, "revoke me");
        var kept = await CreateAsync("prometheus-owner", owner.Id, "kept");

        Assert.True((await Tokens.RevokeAsync(await _app.PrincipalAsync("prometheus-owner"), revoked.Token.Id)).Succeeded);
        Assert.Equal(ChangeStatus.NotFound, (await Tokens.RevokeAsync(await _app.PrincipalAsync("prometheus-owner"), revoked.Token.Id)).Status);
        Assert.Null(await Verifier.VerifyAsync(revoked.Secret));

        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var expiring = await CreateAsync("prometheus-owner", owner.Id, "short-lived", expiresAt);
        var beforeExpiry = await Verifier.VerifyAsync(expiring.Secret);
        Assert.True(beforeExpiry is not null || DateTimeOffset.UtcNow >= expiresAt, "a token was refused before it expired");
        await Eventually.HoldsAsync(async () => await Verifier.VerifyAsync(expiring.Secret) is null, "the token expired", TimeSpan.FromSeconds(15));
        Assert.True(DateTimeOffset.UtcNow >= expiresAt, "the token was refused before it expired");
        Assert.Null(await Verifier.VerifyAsync(kept.Secret[..^1] + (kept.Secret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await Verifier.VerifyAsync("not-a-token"));

        Assert.NotNull(await Verifier.VerifyAsync(kept.Secret));
        await _app.ChangeUserAsync("prometheus-owner", async (users, user) =>
        {
            user.IsDisabled = true;
            return await users.UpdateAsync(user);
        });
        Assert.Null(await Verifier.VerifyAsync(kept.Secret));
    }

    [Fact]
    public async Task OnlyTheOwnerOrAnAdminMakesListsOrRevokesAUsersTokens()
    {
        var owner = await _app.CreateUserAsync("token-owner", DashboardRoles.Viewer);
        await _app.CreateUserAsync("someone-else", DashboardRoles.Operator);
        var mine = await CreateAsync("token-owner", owner.Id, "mine");
        var other = await _app.PrincipalAsync("someone-else");

        Assert.Equal(ChangeStatus.Refused, (await Tokens.CreateAsync(other, new NewMachineToken(owner.Id, "sneaky", null))).Status);
        Assert.Equal(ChangeStatus.Refused, (await Tokens.ListAsync(other, owner.Id)).Status);
        Assert.Equal(ChangeStatus.Refused, (await Tokens.RevokeAsync(other, mine.Token.Id)).Status);

        var byAdmin = await CreateAsync(DashboardApp.AdminUser, owner.Id, "made by an admin");
        Assert.Equal(DashboardApp.AdminUser, byAdmin.Token.CreatedBy);
        Assert.Equal([DashboardRoles.Viewer], (await Verifier.VerifyAsync(byAdmin.Secret))?.Roles);
        Assert.True((await Tokens.RevokeAsync(await _app.PrincipalAsync(DashboardApp.AdminUser), mine.Token.Id)).Succeeded);
    }

    [Fact]
    public async Task ANamelessOrAlreadyExpiredTokenIsRefusedWithReasons()
    {
        var owner = await _app.CreateUserAsync("careless", DashboardRoles.Viewer);
        var principal = await _app.PrincipalAsync("careless");

        var result = await Tokens.CreateAsync(principal, new NewMachineToken(owner.Id, " ", DateTimeOffset.UtcNow.AddMinutes(-1)));

        Assert.False(result.Succeeded);
        Assert.Equal(ChangeStatus.Invalid, result.Status);
        Assert.NotNull(result.ErrorFor(nameof(NewMachineToken.Name)));
        Assert.NotNull(result.ErrorFor(nameof(NewMachineToken.ExpiresAt)));
    }

    [Fact]
    public async Task RevokingATokenEndsTheRequestsItServesOnThisNode()
    {
        var owner = await _app.CreateUserAsync("vlc-owner", DashboardRoles.Viewer);
        var created = await CreateAsync("vlc-owner", owner.Id, "VLC");
        var ended = new TaskCompletionSource();
        using var live = _app.Services.GetRequiredService<MachineTokenRevocations>().Track(created.Token.Id, null, () => ended.TrySetResult());

        Assert.True((await Tokens.RevokeAsync(await _app.PrincipalAsync("vlc-owner"), created.Token.Id)).Succeeded);

        await ended.Task.WaitAsync(TimeSpan.FromSeconds(2));
    }

    private async Task<CreatedMachineToken> CreateAsync(string actor, string ownerId, string name, DateTimeOffset? expiresAt = null)
    {
        var result = await Tokens.CreateAsync(await _app.PrincipalAsync(actor), new NewMachineToken(ownerId, name, expiresAt));
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }
}
