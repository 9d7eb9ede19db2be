using Dashboard.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Streaming.Cameras;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real dashboard app on real Kestrel, on a free loopback port, with its own cameras and an
/// empty data directory.
/// </summary>
public class DashboardApp : WebApplicationFactory<Program>
{
    /// <summary>The first admin, created on start from <c>Auth:AdminUser</c> / <c>Auth:AdminPassword</c>.</summary>
    public const string AdminUser = "admin";

    public const string AdminPassword = "Admin-Test-Password-1";

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Streaming:IdleTimeout"] = "00:00:02",
        ["Auth:AdminUser"] = AdminUser,
        ["Auth:AdminPassword"] = AdminPassword,
    };

    private readonly bool _ownsDataDirectory;

    /// <summary>
    /// PBKDF2 rounds per password hash in tests: Identity's default of 100,000 was a third of the test host's CPU.
    /// Tests that time sign-ins ask for the default back with <see cref="WithProductionPasswordHashing"/>.
    /// </summary>
    public const int TestPasswordHashRounds = 1_000;

    private int? _passwordHashIterations = TestPasswordHashRounds;

    public DashboardApp()
        : this(Directory.CreateTempSubdirectory("dashboard-test-").FullName, ownsDataDirectory: true)
    {
    }

    private DashboardApp(string dataDirectory, bool ownsDataDirectory)
    {
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _settings["Dashboard:DataDirectory"] = DataDirectory;
        UseKestrel(0);
    }

    /// <summary>
    /// A second app on the same data directory (what a restart is). The directory stays with this app, so
    /// dispose the restarted one first.
    /// </summary>
    public DashboardApp Restarted()
    {
        var restarted = new DashboardApp(DataDirectory, ownsDataDirectory: false);
        foreach (var (key, value) in _settings)
        {
            restarted._settings[key] = value;
        }

        restarted._passwordHashIterations = _passwordHashIterations;
        return restarted;
    }

    public string DataDirectory { get; }

    /// <summary>Browser sign-ins per user, made once per app (see <see cref="SignIn"/>).</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, Task<string>> StorageStates { get; } = new();

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    public CameraRegistry Cameras => Services.GetRequiredService<CameraRegistry>();

    /// <summary>Every entry the app logs at Information and up (the console gets warnings only).</summary>
    public FakeLogCollector Logs { get; } = new();

    /// <summary>Stops the app as SIGTERM would (the data directory stays), and waits until it has stopped.</summary>
    public async Task StopAsync()
    {
        var lifetime = Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());
        lifetime.StopApplication();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A camera as the database holds it (null when it is not stored).</summary>
    public async Task<CameraRecord?> StoredCameraAsync(string id)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
    }

    public DashboardApp WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public DashboardApp WithCameras(params CameraDefinition[] cameras)
    {
        for (var i = 0; i < cameras.Length; i++)
        {
            foreach (var (key, value) in CameraSettings.ToConfiguration(cameras[i]))
            {
                _settings[$"Cameras:{i}:{key}"] = value;
            }
        }

        return this;
    }

    /// <summary>Forgets the cameras configured so far, so a first start stores the demo cameras.</summary>
    public DashboardApp WithoutCameras()
    {
        foreach (var key in _settings.Keys.Where(k => k.StartsWith("Cameras:", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            _settings.Remove(key);
        }

        return this;
    }

    /// <summary>Hashes passwords with Identity's default rounds, as the deployed app does (for tests that time sign-ins).</summary>
    public DashboardApp WithProductionPasswordHashing()
    {
        _passwordHashIterations = null;
        return this;
    }

    /// <summary>A client with no cookies and no redirects followed, so tests see exactly what the server answered.</summary>
    public HttpClient CreateRawClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxResponseDrainSize = 0 })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(30),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");

        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        // Logs go to Logs only: a hundred apps writing to the console buried which test failed in CI's output.
        builder.ConfigureLogging(logging => logging
            .ClearProviders()
            .AddProvider(new FakeLoggerProvider(Logs))
            .AddFilter<FakeLoggerProvider>(null, LogLevel.Information));
        if (_passwordHashIterations is { } iterations)
        {
            builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(options => options.IterationCount = iterations));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
