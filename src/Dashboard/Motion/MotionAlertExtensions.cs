using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Motion;

namespace Dashboard.Motion;

public static class MotionAlertExtensions
{
    /// <summary>
    /// Registers what tells other systems about motion (section <c>Motion</c>): the webhooks, their latest
    /// deliveries and the MQTT publisher. Needs <see cref="MotionServiceCollectionExtensions.AddMotion"/>.
    /// </summary>
    public static IHostApplicationBuilder AddMotionAlerts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MotionAlertOptions>()
            .BindConfiguration(MotionAlertOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MotionAlertOptions>, MotionAlertOptionsValidator>());
        services.AddHttpClient(WebhookSender.ClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("camera-dashboard-webhook"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        services.TryAddSingleton<WebhookDeliveries>();
        services.TryAddSingleton<WebhookSender>();
        services.AddSingleton<IMotionEventSink>(sp => sp.GetRequiredService<WebhookSender>());
        services.TryAddSingleton<MqttPublisher>();
        services.AddSingleton<IMotionEventSink>(sp => sp.GetRequiredService<MqttPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttPublisher>());
        return builder;
    }
}
