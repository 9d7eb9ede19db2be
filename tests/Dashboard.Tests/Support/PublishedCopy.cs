using System.Diagnostics;
using System.Reflection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The app as <c>dotnet publish</c> lays it out for a server (the README's publish step): published once per run
/// from the build these tests run against (<c>--no-build</c>, same configuration) into <c>published-app/</c> beside
/// the test output, which the next run replaces (so no run leaves a copy behind in the temp folder).
/// </summary>
internal sealed class PublishedCopy
{
    private static readonly Lazy<Task<PublishedCopy>> Shared = new(PublishShared);

    private PublishedCopy(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>
    /// One copy for the whole run (a publish takes a minute on a busy machine), for tests that only run it: the app
    /// writes nothing to it (its data directory is elsewhere).
    /// </summary>
    public static Task<PublishedCopy> SharedAsync() => Shared.Value;

    private static Task<PublishedCopy> PublishShared()
    {
        // Beside the test output, not in it: AppWithoutOpenCv copies the test output folder while this may publish.
        var directory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "published-app"));
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        return PublishAsync(directory);
    }

    private static async Task<PublishedCopy> PublishAsync(string directory)
    {
        var configuration = typeof(PublishedCopy).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["publish", Repository.File("src/Dashboard/Dashboard.csproj"), "-c", configuration, "--no-build", "-o", directory])
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start) ?? throw new InvalidOperationException("Could not run dotnet publish.");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed ({publish.ExitCode}):{Environment.NewLine}{await stdout}{await stderr}");
        return new PublishedCopy(directory);
    }
}
