using System.Diagnostics;
using System.Reflection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The app as <c>dotnet publish</c> lays it out for a server (the README's publish step), in a temporary folder:
/// published from the build these tests run against (<c>--no-build</c>, same configuration), so it takes seconds.
/// Disposing deletes the folder.
/// </summary>
internal sealed class PublishedCopy : IDisposable
{
    private PublishedCopy(string directory) => Directory = directory;

    public string Directory { get; }

    public static async Task<PublishedCopy> PublishAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("dashboard-published-").FullName;
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

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
