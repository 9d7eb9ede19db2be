namespace Dashboard.Tests.Support;

/// <summary>
/// The real dashboard as its own process (<c>dotnet Dashboard.dll</c>, a <see cref="ChildApp"/>), in Production, configured
/// by environment variables like a service, with its own data directory: either the build copied next to the tests (with a
/// content root of its own) or a published copy (run from its folder, as the systemd unit does). It listens on a port it
/// picks itself (<c>--urls http://127.0.0.1:0</c>), read back from its start-up log.
/// </summary>
internal static class AppProcess
{
    /// <param name="settings">Environment variables for the app, e.g. <c>Cameras__0__Id</c>.</param>
    /// <param name="published">A folder <see cref="PublishedCopy"/> made; null: the build next to the tests.</param>
    /// <param name="network">A network namespace to run in; null: the machine's.</param>
    public static ChildApp Start(IReadOnlyDictionary<string, string> settings, PublishedCopy? published = null, NetworkNamespace? network = null) =>
        Start(ChildApp.DotnetHost(), [Dll(published?.Directory ?? AppContext.BaseDirectory)], settings, published?.Directory, network);

    /// <summary>The build in another folder (a copy of this one, e.g. without OpenCV's native library), run by this dotnet host.</summary>
    public static ChildApp StartDll(string appDirectory, IReadOnlyDictionary<string, string> settings) =>
        Start(ChildApp.DotnetHost(), [Dll(appDirectory)], settings);

    /// <summary>
    /// The app started by <paramref name="program"/> with <paramref name="command"/> before the app's own arguments (e.g. qemu
    /// running a published arm64 build, whose <paramref name="contentRoot"/> holds the wwwroot it serves).
    /// </summary>
    public static ChildApp Start(string program, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> settings, string? contentRoot = null, NetworkNamespace? network = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(settings);
        var directory = Directory.CreateTempSubdirectory("dashboard-process-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Dashboard__DataDirectory"] = Path.Combine(directory, "data"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return ChildApp.Start(new ChildAppOptions(program, [.. command, "--urls", "http://127.0.0.1:0", "--contentRoot", contentRoot ?? directory])
        {
            Environment = environment,
            OwnedDirectory = directory,
            Wrap = network is null ? null : network.Enter,
        });
    }

    private static string Dll(string directory)
    {
        var dll = Path.Combine(directory, "Dashboard.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing.");
        return dll;
    }
}
