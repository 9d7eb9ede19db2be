using Dashboard.Data;
using Npgsql;

namespace Dashboard.Nodes;

internal static class NodesExtensions
{
    /// <summary>
    /// How nodes on one database hear of each other's changes: on PostgreSQL, <c>LISTEN/NOTIFY</c> and the handlers
    /// that apply a change here; on SQLite (one node) nothing to tell.
    /// </summary>
    public static IHostApplicationBuilder AddNodes(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString(DatabaseProvider.ConnectionStringName);
        if (!DatabaseProvider.IsPostgres(connectionString))
        {
            services.AddSingleton<IChangeBus, SingleNodeChangeBus>();
            return builder;
        }

        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString!));
        services.AddSingleton<PostgresChangeBus>();
        services.AddSingleton<IChangeBus>(sp => sp.GetRequiredService<PostgresChangeBus>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeBus>());
        services.AddSingleton<INodeChangeHandler, RevocationsFromOtherNodes>();
        services.AddSingleton<INodeChangeHandler, CamerasFromOtherNodes>();
        return builder;
    }
}
