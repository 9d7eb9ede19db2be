using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming;
using Streaming.Motion;

namespace Dashboard.Motion;

public static class MotionExtensions
{
    /// <summary>
    /// Motion detection (section <c>Motion</c>; clips in the data directory's <c>clips</c> folder unless
    /// <c>Motion:ClipDirectory</c> says otherwise), the events kept in the database, and what tells other
    /// systems: the webhooks, their latest deliveries and the MQTT publisher.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardMotion(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MotionOptions>().PostConfigure<IOptions<DashboardOptions>>((motion, dashboard) =>
        {
            if (string.IsNullOrWhiteSpace(motion.ClipDirectory))
            {
                motion.ClipDirectory = Path.Combine(dashboard.Value.DataDirectory, "clips");
            }
        });
        builder.AddMotion();
        services.TryAddSingleton<MotionEventStore>();
        services.AddSingleton<IMotionEventSink>(sp => sp.GetRequiredService<MotionEventStore>());
        services.AddSingleton<IMotionEventHistory>(sp => sp.GetRequiredService<MotionEventStore>());
        services.TryAddScoped<MotionEventActions>();
        services.TryAddSingleton<ClipPlayers>();
        builder.AddMotionAlerts();

        // With the database, the notifications page owns the alert settings; the configuration seeds them once.
        services.TryAddSingleton<NotificationStore>();
        services.AddScoped<IDatabaseSeeder, NotificationSeeder>();
        services.AddScoped<NotificationAdministration>();
        services.AddSingleton<INodeChangeHandler, NotificationsFromOtherNodes>();
        return builder;
    }

    /// <summary>The webhooks, their latest deliveries and the MQTT publisher. Needs <see cref="MotionServiceCollectionExtensions.AddMotion"/>.</summary>
    public static IHostApplicationBuilder AddMotionAlerts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<MotionAlertOptions>(MotionAlertOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MotionAlertOptions>, MotionAlertOptionsValidator>());
        services.AddHttpClient(WebhookSender.ClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("camera-dashboard-webhook"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        services.TryAddSingleton<NotificationSettings>();
        services.TryAddSingleton<WebhookDeliveries>();
        services.TryAddSingleton<WebhookSender>();
        services.AddSingleton<IMotionEventSink>(sp => sp.GetRequiredService<WebhookSender>());
        services.TryAddSingleton<MqttPublisher>();
        services.AddSingleton<IMotionEventSink>(sp => sp.GetRequiredService<MqttPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttPublisher>());
        return builder;
    }
}
