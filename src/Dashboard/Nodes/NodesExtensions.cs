using System.Runtime.CompilerServices;
using Dashboard.Data;
using Dashboard.Nodes.Remote;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Streaming;

namespace Dashboard.Nodes;

internal static class NodesExtensions
{
    /// <summary>
    /// This node among others: its name and address, where each camera is captured, the dashboards it links (hub and
    /// edges), and how nodes on one database hear of each other's changes (PostgreSQL: <c>LISTEN/NOTIFY</c>; SQLite, one
    /// node: nothing to tell).
    /// </summary>
    public static IHostApplicationBuilder AddNodes(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<NodeOptions>(NodeOptions.SectionName);
        services.AddNodeServices();
        services.AddHostedService<NodeAnnouncer>();

        services.AddHttpClient(RemoteCameraSync.ClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        services.AddSingleton<RemoteCameraSync>();
        services.AddHostedService(sp => sp.GetRequiredService<RemoteCameraSync>());
        services.AddScoped<RemoteDashboardService>();

        var connectionString = builder.Configuration.GetConnectionString(DatabaseProvider.ConnectionStringName);
        if (DatabaseProvider.IsPostgres(connectionString))
        {
            AddPostgresChangeBus(services, connectionString!);
        }

        return builder;
    }

    /// <summary>
    /// A method of its own, never inlined: its Npgsql types load when it runs, so a SQLite dashboard, which never
    /// calls it, does not map Npgsql (docs/benchmarks.md, "Footprint").
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddPostgresChangeBus(IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<PostgresChangeBus>();
        services.Replace(ServiceDescriptor.Singleton<IChangeBus>(sp => sp.GetRequiredService<PostgresChangeBus>()));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeBus>());
        services.AddSingleton<INodeChangeHandler, RevocationsFromOtherNodes>();
        services.AddSingleton<INodeChangeHandler, CamerasFromOtherNodes>();
        services.AddSingleton<PeerCredentialRenewal>();
        services.AddHostedService(sp => sp.GetRequiredService<PeerCredentialRenewal>());
    }

    /// <summary>
    /// What placing and marking cameras needs, with one node and no bus (what a component test of a page that changes
    /// cameras needs too); <see cref="AddNodes"/> adds the rest.
    /// </summary>
    public static IServiceCollection AddNodeServices(this IServiceCollection services)
    {
        services.AddOptions<NodeOptions>();
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NodePeerCredential>();
        services.TryAddSingleton<NodeDirectory>();
        services.TryAddSingleton<CameraPlacement>();
        services.TryAddSingleton<RemoteCameraDirectory>();
        services.TryAddSingleton<Streaming.Http.ICameraOrigins>(sp => sp.GetRequiredService<RemoteCameraDirectory>());
        services.TryAddSingleton<IChangeBus, SingleNodeChangeBus>();
        return services;
    }
}
