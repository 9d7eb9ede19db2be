namespace Tests.Support;

/// <summary>The repository a test or benchmark runs from: the first folder above its binaries that holds <c>Dashboard.sln</c>.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"Dashboard.sln not found above {AppContext.BaseDirectory}: run from inside the repository (a benchmark also takes --repo <path>).");
    }
}
