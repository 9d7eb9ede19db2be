using Dashboard.Motion;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Nodes;

/// <summary>Two nodes on one PostgreSQL: notification settings an admin saves on one are applied on the other, secrets included.</summary>
[Collection(PostgresServer.Name)]
public sealed class NotificationsOnTwoNodesTests(ThrowawayPostgres postgres)
{
    private const string Secret = "shared-between-nodes-secret";

    [Fact]
    public async Task AWebhookAndAPublicAddressSavedOnOneNodeAreAppliedOnTheOtherWithTheSecretReadable()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var a = new NodeApp(database, "a");
        var admin = await a.PrincipalAsync(DashboardApp.AdminUser);
        await using var b = new NodeApp(database, "b");
        _ = b.Address;
        var onB = b.Services.GetRequiredService<NotificationSettings>();

        await using (var scope = a.Services.CreateAsyncScope())
        {
            var notifications = scope.ServiceProvider.GetRequiredService<NotificationAdministration>();
            Assert.True((await notifications.SaveWebhookAsync(admin, new WebhookChange(null, "shared", "https://hooks.example/shared", Secret))).Succeeded);
            Assert.True((await notifications.SaveBrokerAsync(admin, new BrokerChange("https://cams.example/", false, null, 1883, false, null, null, "cams", "homeassistant"))).Succeeded);
        }

        await Eventually.HoldsAsync(() => onB.Current.PublicUrl?.AbsoluteUri == "https://cams.example/" && onB.Current.Webhooks.Count == 1, "node b applied the settings");
        var webhook = onB.Current.Webhooks[0];
        Assert.Equal(("shared", "https://hooks.example/shared", Secret), (webhook.Name, webhook.Url!.AbsoluteUri, webhook.Secret));
        Assert.Equal("cams", onB.Current.Mqtt.TopicPrefix);
    }
}
