using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Access.Sharing;
using Dashboard.Access.Tokens;
using Dashboard.Access.Users;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming;
using Streaming.Cameras;
using Streaming.Sources;

namespace Dashboard.Tests.Support;

/// <summary>
/// The app's real Identity, user administration and share-link services for bUnit, on an in-memory SQLite
/// database with the real model, and one idle test-pattern camera (<c>porch</c>).
/// </summary>
internal sealed class SecurityTestServices : IAsyncDisposable
{
    private readonly SqliteConnection _keepAlive;
    private readonly IServiceProvider _services;

    private SecurityTestServices(SqliteConnection keepAlive, IServiceProvider services, CameraRegistry cameras)
    {
        _keepAlive = keepAlive;
        _services = services;
        Cameras = cameras;
    }

    public CameraRegistry Cameras { get; }

    /// <summary>Registers everything on a bUnit context's services; call <see cref="ReadyAsync"/> before rendering.</summary>
    public static SecurityTestServices AddTo(BunitServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = $"Data Source=file:security-{Guid.NewGuid():N}?mode=memory&cache=shared";
        var keepAlive = new SqliteConnection(database);
        keepAlive.Open();
        DatabaseProvider.Register(services, database);
        services.AddLogging();
        services.AddDataProtection();
        services.AddHttpContextAccessor();
        services.AddOptions<AuthOptions>();
        services.AddDashboardIdentity();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ShareLinkRevocations>();
        services.AddNodeServices();
        services.AddScoped<ShareLinkService>();
        services.AddMachineTokens();
        services.AddSingleton<UserChangeGate>();
        services.AddScoped<UserAdministration>();
        var cameras = new CameraRegistry(
            new FrameSourceFactory(TimeProvider.System),
            Options.Create(new StreamingOptions { IdleTimeout = TimeSpan.Zero }),
            TimeProvider.System,
            NullLoggerFactory.Instance);
        services.AddSingleton(cameras);
        return new SecurityTestServices(keepAlive, services, cameras);
    }

    /// <summary>Creates the schema, the roles and the porch camera.</summary>
    public async Task ReadyAsync()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Database.EnsureCreatedAsync();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in DashboardRoles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await Cameras.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "porch", Name = "Porch", Width = 160, Height = 120, Fps = 5 }));
    }

    /// <summary>Creates a user; returns the claims a sign-in would carry (id, name, roles, security stamp).</summary>
    public async Task<Claim[]> CreateUserAsync(string userName, string role, Func<UserManager<DashboardUser>, DashboardUser, Task>? then = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = new DashboardUser { UserName = userName };
        Assert.True((await users.CreateAsync(user, SecurityApp.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (then is not null)
        {
            await then(users, user);
        }

        var identity = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        return
        [
            new Claim(identity.UserIdClaimType, user.Id),
            new Claim(identity.SecurityStampClaimType, (await users.FindByIdAsync(user.Id))!.SecurityStamp!),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        await Cameras.DisposeAsync();
        await _keepAlive.DisposeAsync();
    }
}
