using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Motion;

/// <summary>
/// On the first start, stores the public address, webhooks and broker of the configuration (the notifications page
/// owns them from then on, as the dashboard owns the cameras once stored); on every start, applies what is stored.
/// </summary>
internal sealed class NotificationSeeder(IOptions<MotionAlertOptions> options, NotificationStore store, NotificationSettings settings, TimeProvider time) : IDatabaseSeeder
{
    public int Order => 20;

    public async Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.NotificationSettings.AnyAsync(cancellationToken))
        {
            var configured = options.Value;
            var mqtt = configured.Mqtt;
            db.NotificationSettings.Add(new NotificationSettingsRecord
            {
                PublicUrl = configured.PublicUrl?.AbsoluteUri,
                MqttEnabled = mqtt.Active,
                MqttHost = mqtt.Host,
                MqttPort = mqtt.Port,
                MqttUseTls = mqtt.UseTls,
                MqttUserName = mqtt.UserName,
                MqttProtectedPassword = string.IsNullOrEmpty(mqtt.Password) ? null : store.Protect(mqtt.Password),
                MqttTopicPrefix = mqtt.TopicPrefix,
                MqttDiscoveryPrefix = mqtt.DiscoveryPrefix,
            });
            var at = time.GetUtcNow();
            foreach (var (webhook, i) in configured.Webhooks.Select((w, i) => (w, i)))
            {
                db.Webhooks.Add(new WebhookRecord
                {
                    Id = Guid.CreateVersion7(at),
                    Name = webhook.Name.Length > 0 ? webhook.Name : $"webhook {i + 1}",
                    Url = webhook.Url!.AbsoluteUri,
                    ProtectedSecret = store.Protect(webhook.Secret),
                    CreatedAt = at.AddTicks(i),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        settings.Apply(await store.ReadAsync(db, cancellationToken));
    }
}
