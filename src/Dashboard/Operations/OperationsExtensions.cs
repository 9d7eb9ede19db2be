using System.Diagnostics.Metrics;
using System.Net;
using Dashboard.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Streaming;
using Streaming.Diagnostics;

namespace Dashboard.Operations;

internal static class OperationsExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>
    /// Blazor's meters that record per component type and event handler (update_parameters, render_diff, handle_event,
    /// navigate): a histogram for every component the pages use, which grew /metrics to a megabyte, and nothing the
    /// Grafana dashboard or an operator reads. The circuit meter (how many dashboards are open) stays.
    /// </summary>
    private static readonly HashSet<string> PerComponentMeters = ["Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle"];

    /// <summary>
    /// Meters whose counters an operator reads (sign-in attempts and their results, authorization refusals) but whose
    /// duration histograms, one per scheme, result and kind of user update, are most of what is left of /metrics.
    /// </summary>
    private static readonly HashSet<string> CountersOnlyMeters = ["Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Identity"];

    /// <summary>Health checks, Prometheus metrics, forwarded headers from a reverse proxy, scoped console logs.</summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<OperationsOptions>(OperationsOptions.SectionName)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "Operations:KnownProxies must be IP addresses.");

        services.AddHealthChecks()
            .AddDbContextCheck<DashboardDbContext>("database", tags: [ReadyTag])
            .AddCheck<CamerasHealthCheck>("cameras", tags: [ReadyTag]);

        // Prometheus metrics: the cameras' own, ASP.NET Core's (requests, Kestrel, Blazor circuits), the runtime's and the process's.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(StreamingMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Components.Server.Circuits")
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation()
            .AddView(StreamOf)
            .AddPrometheusExporter());
        services.AddSingleton<IAuthorizationHandler, MetricsAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(OperationsPolicies.Metrics, policy => policy.AddRequirements(new MetricsAccessRequirement()));

        // A proxy on this machine (nginx, Caddy) is trusted by default; others are listed in Operations:KnownProxies.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<OperationsOptions>>((forwarded, operations) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
            foreach (var proxy in operations.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        builder.Logging.AddSimpleConsole(console => console.IncludeScopes = true);
        services.AddHostedService<StartupBanner>();
        services.AddHostedService<StartupTrim>();
        return builder;
    }

    /// <summary>
    /// Data points kept per metric of ASP.NET Core, the runtime and the process (routes x methods x status codes is the
    /// largest, well under this; more would go to one overflow point). OpenTelemetry allocates every metric's points up
    /// front: at its default of 2000 that was 144 KB for each of some 70 metrics, 9 MB of an idle app's 170 MB
    /// (docs/benchmarks.md, "Footprint").
    /// </summary>
    private const int FrameworkCardinalityLimit = 200;

    /// <summary>
    /// The cameras' own metrics grow with the cameras: the largest, <c>camera.state</c>, has a point per camera and
    /// state (6), so this keeps each point apart up to 85 cameras (at the default of 2000 their 15 arrays held 2.2 MB).
    /// </summary>
    private const int CameraCardinalityLimit = 512;

    private static MetricStreamConfiguration? StreamOf(Instrument instrument) => instrument switch
    {
        _ when !Exported(instrument) => MetricStreamConfiguration.Drop,
        { Meter.Name: StreamingMetrics.MeterName, Name: "camera.encode.duration" } => new ExplicitBucketHistogramConfiguration
        {
            Boundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25],
            CardinalityLimit = CameraCardinalityLimit,
        },
        { Meter.Name: StreamingMetrics.MeterName, Name: "camera.frame.size" } => new ExplicitBucketHistogramConfiguration
        {
            Boundaries = [10_000, 25_000, 50_000, 100_000, 200_000, 500_000, 1_000_000],
            CardinalityLimit = CameraCardinalityLimit,
        },
        { Meter.Name: StreamingMetrics.MeterName } => new MetricStreamConfiguration { CardinalityLimit = CameraCardinalityLimit },
        _ => new MetricStreamConfiguration { CardinalityLimit = FrameworkCardinalityLimit },
    };

    private static bool Exported(Instrument instrument) =>
        !PerComponentMeters.Contains(instrument.Meter.Name)
        && !(CountersOnlyMeters.Contains(instrument.Meter.Name) && instrument is Histogram<double>);

    /// <summary>First in the pipeline: the rest must see the client's address, scheme and the proxy's path prefix.</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>
    /// <c>/healthz</c> (liveness: anonymous, no details), <c>/healthz/ready</c> (database and cameras; details for
    /// admins) and <c>/metrics</c> (Prometheus; dashboard users or the configured bearer token).
    /// </summary>
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponses.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(OperationsPolicies.Metrics);
        return endpoints;
    }
}
