using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Access.Sharing;
using Dashboard.Access.Tokens;
using Dashboard.Access.Users;
using Dashboard.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Http;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real app with two small test-pattern cameras (<c>porch</c>, the default, and <c>yard</c>), and what the
/// security tests need: users of each role made through Identity, principals for calling services directly,
/// share links. The per-address sign-in throttle is lifted unless a test sets it, because these tests fail
/// sign-ins on purpose from one address.
/// </summary>
public class SecurityApp : DashboardApp
{
    /// <summary>Password of every user the tests create (meets the app's rules).</summary>
    public const string Password = "Test-Password-42";

    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<AsyncServiceScope> _scopes = [];

    public SecurityApp()
    {
        WithCameras(
            new CameraDefinition { Id = "porch", Name = "Porch", Width = 320, Height = 240, Fps = 10 },
            new CameraDefinition { Id = "yard", Name = "Yard", Width = 320, Height = 240, Fps = 10 });
        WithSetting("Streaming:DefaultCamera", "porch");
        WithSetting("Auth:SignInAttemptsPerMinute", "10000");
    }

    /// <summary>Adds or replaces app services (before the app starts).</summary>
    public SecurityApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public ShareLinkService Links => InScope<ShareLinkService>();

    public UserAdministration UserAdministration => InScope<UserAdministration>();

    public MachineTokenService Tokens => InScope<MachineTokenService>();

    /// <summary>Waits until migrations and the first admin are in place.</summary>
    public Task ReadyAsync()
    {
        _ = Address;
        return Services.GetRequiredService<DatabaseInitializer>().EnsureInitializedAsync();
    }

    public async Task<DashboardUser> CreateUserAsync(string userName, string role, string password = Password)
    {
        await ReadyAsync();
        return await WithUserManagerAsync(async users =>
        {
            var user = new DashboardUser { UserName = userName };
            Succeeded(await users.CreateAsync(user, password), $"create {userName}");
            Succeeded(await users.AddToRoleAsync(user, role), $"make {userName} {role}");
            return user;
        });
    }

    public Task<DashboardUser> FindUserAsync(string userName) =>
        WithUserManagerAsync(async users => await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"no user {userName}"));

    /// <summary>Changes a user through Identity (loaded in the same scope, as Identity's update needs).</summary>
    public async Task ChangeUserAsync(string userName, Func<UserManager<DashboardUser>, DashboardUser, Task<IdentityResult>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await WithUserManagerAsync(async users =>
        {
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"no user {userName}");
            Succeeded(await change(users, user), $"change {userName}");
            return user;
        });
    }

    /// <summary>The principal a sign-in of the user would carry (id, name, roles, security stamp).</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync(string userName)
    {
        await ReadyAsync();
        await using var scope = Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>();
        var user = await signIn.UserManager.FindByNameAsync(userName) ?? throw new InvalidOperationException($"no user {userName}");
        return await signIn.CreateUserPrincipalAsync(user);
    }

    /// <summary>A share link made by the first admin; the token is in the result.</summary>
    public async Task<CreatedShareLink> CreateLinkAsync(string cameraId, string name, DateTimeOffset? expiresAt = null)
    {
        var admin = await PrincipalAsync(AdminUser);
        var result = await Links.CreateAsync(admin, new NewShareLink(cameraId, name, expiresAt));
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }

    public async Task<T> WithUserManagerAsync<T>(Func<UserManager<DashboardUser>, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>());
    }

    public static string FeedPath(CreatedShareLink link, string? cameraId = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        return $"{FeedRoutes.Feed(cameraId ?? link.Link.CameraId)}?{DashboardSchemes.TokenParameter}={link.Token}";
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => _services.ForEach(configure => configure(services)));
    }

    /// <summary>A scoped service from a scope of its own (as a circuit or a request has), disposed with the app.</summary>
    private T InScope<T>()
        where T : notnull
    {
        var scope = Services.CreateAsyncScope();
        lock (_scopes)
        {
            _scopes.Add(scope);
        }

        return scope.ServiceProvider.GetRequiredService<T>();
    }

    private static void Succeeded(IdentityResult result, string what) =>
        Assert.True(result.Succeeded, $"could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
}
