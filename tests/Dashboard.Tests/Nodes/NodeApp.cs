using Microsoft.AspNetCore.Hosting;

namespace Dashboard.Tests.Nodes;

/// <summary>
/// One node of several: the real app on its own loopback port, on a shared PostgreSQL database, under a node name. Its
/// data directory is its own; everything shared is in the database.
/// </summary>
public sealed class NodeApp : SecurityApp
{
    private readonly string _connectionString;

    public NodeApp(string connectionString, string nodeName)
    {
        _connectionString = connectionString;
        NodeName = nodeName;
        WithSetting("Nodes:Name", nodeName);
    }

    public string NodeName { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.ConfigureWebHost(builder);

        // Read while the services are registered (the provider is chosen then), so a host setting, not app configuration.
        builder.UseSetting("ConnectionStrings:Dashboard", _connectionString);
    }
}
