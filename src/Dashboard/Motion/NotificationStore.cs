using System.Security.Cryptography;
using Dashboard.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Motion;

/// <summary>
/// The stored notification settings: reads them (secrets unprotected with the sign-in keys) into
/// <see cref="NotificationSettings"/>, which the sender and the publisher follow, and protects secrets to store.
/// </summary>
internal sealed partial class NotificationStore(
    IDbContextFactory<DashboardDbContext> contexts,
    IDataProtectionProvider protection,
    NotificationSettings settings,
    ILogger<NotificationStore> logger)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Dashboard.Motion.Notifications.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>Reads the stored settings again and applies them (after a save here or on another node).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        settings.Apply(await ReadAsync(db, cancellationToken));
    }

    public async Task<NotificationTargets> ReadAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == NotificationSettingsRecord.SingleId, cancellationToken);
        var webhooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken);
        var targets = new List<WebhookTarget>();
        foreach (var webhook in webhooks)
        {
            if (Unprotect(webhook.ProtectedSecret, webhook.Name) is { } secret)
            {
                targets.Add(new WebhookTarget { Id = webhook.Id, Name = webhook.Name, Url = new Uri(webhook.Url), Secret = secret });
            }
        }

        var broker = row is null
            ? settings.Broker(false, null, 1883, false, null, null, "camera-dashboard", "homeassistant")
            : settings.Broker(
                row.MqttEnabled,
                row.MqttHost,
                row.MqttPort,
                row.MqttUseTls,
                row.MqttUserName,
                row.MqttProtectedPassword is null ? null : Unprotect(row.MqttProtectedPassword, "MQTT broker"),
                row.MqttTopicPrefix,
                row.MqttDiscoveryPrefix);
        return new(row?.PublicUrl is { } url ? new Uri(url) : null, targets, broker);
    }

    private string? Unprotect(string protectedSecret, string owner)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            // The sign-in keys it was protected with are gone (a new database for the keys): the admin sets it again.
            LogUnreadable(logger, owner);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored secret of {Owner} cannot be read with this dashboard's keys: set it again on the notifications page.")]
    private static partial void LogUnreadable(ILogger logger, string owner);
}
