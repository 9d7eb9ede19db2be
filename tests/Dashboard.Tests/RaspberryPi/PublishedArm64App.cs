using System.Diagnostics;

namespace Dashboard.Tests.RaspberryPi;

/// <summary>
/// The Raspberry Pi build as a user makes it (<c>scripts/publish-pi.sh DIR</c>, once per run) running under qemu-user
/// (<c>qemu-aarch64-static -L /</c>, Debian's arm64 libraries) on a loopback port, with one image-sequence camera.
/// <c>DASHBOARD_ARM64_BUILD=DIR</c> takes a build published before: scripts/test.sh publishes one beside the main build
/// and names publish-pi.sh's output in <c>DASHBOARD_ARM64_PUBLISH_LOG</c>; without the log it is a build to re-run
/// these tests against.
/// </summary>
public sealed class PublishedArm64App : IAsyncLifetime
{
    public const string Qemu = "/usr/bin/qemu-aarch64-static";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    // Emulated, the runtime starts in tens of seconds (JIT and start-up code run instruction by instruction).
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private string? _published;

    internal ChildApp Process { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public string PublishOutput { get; private set; } = "";

    public string BuildDirectory { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Qemu), $"{Qemu} is missing: the README's test command installs qemu-user-static and the arm64 libraries.");
        BuildDirectory = Environment.GetEnvironmentVariable("DASHBOARD_ARM64_BUILD") is { Length: > 0 } given ? PublishedBefore(given) : await PublishAsync();
        Process = AppProcess.Start(
            Qemu,
            ["-L", "/", Path.Combine(BuildDirectory, "Dashboard")],
            new Dictionary<string, string>
            {
                ["Auth__AdminPassword"] = DashboardApp.AdminPassword,
                // qemu-user does not support the double mapping .NET uses for W^X code pages (hosting fails at start with it).
                ["DOTNET_EnableWriteXorExecute"] = "0",
                ["Cameras__0__Id"] = "yard",
                ["Cameras__0__Name"] = "Yard",
                ["Cameras__0__Kind"] = "ImageSequence",
                ["Cameras__0__Fps"] = "4",
            },
            contentRoot: BuildDirectory);
        Address = await Process.AddressAsync(StartTimeout);
    }

    public Task DisposeAsync()
    {
        Process?.Dispose();
        if (_published is not null)
        {
            Directory.Delete(_published, recursive: true);
        }

        return Task.CompletedTask;
    }

    private string PublishedBefore(string directory)
    {
        if (Environment.GetEnvironmentVariable("DASHBOARD_ARM64_PUBLISH_LOG") is { Length: > 0 } log)
        {
            PublishOutput = File.Exists(log) ? File.ReadAllText(log) : $"{log} is missing.";
        }

        Assert.True(File.Exists(Path.Combine(directory, "Dashboard")), $"No arm64 build in {directory}:{Environment.NewLine}{PublishOutput}");
        return directory;
    }

    private async Task<string> PublishAsync()
    {
        _published = Directory.CreateTempSubdirectory("dashboard-arm64-").FullName;
        var output = Path.Combine(_published, "app");
        var script = Repository.File("scripts/publish-pi.sh");
        using var publish = System.Diagnostics.Process.Start(new ProcessStartInfo(script, [output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync().WaitAsync(PublishTimeout);
        PublishOutput = await stdout + await stderr;
        Assert.True(publish.ExitCode == 0, $"publish-pi.sh exited with {publish.ExitCode}:{Environment.NewLine}{PublishOutput}");
        return output;
    }
}
