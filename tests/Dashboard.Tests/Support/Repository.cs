namespace Dashboard.Tests.Support;

/// <summary>Files of this repository that tests run or check (the nginx snippet, the Grafana dashboard, the scripts, the app's project).</summary>
internal static class Repository
{
    /// <summary>The repository's root: the first folder above the test binaries that holds <c>Dashboard.sln</c>.</summary>
    public static string Root { get; } = RepositoryRoot.Find();

    /// <summary>A file by its path from the root, e.g. <c>docs/grafana-dashboard.json</c>; fails when it is missing.</summary>
    public static string File(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        Assert.True(System.IO.File.Exists(path), $"{relativePath} is missing under {Root}.");
        return path;
    }
}
