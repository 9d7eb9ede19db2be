using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Motion;

/// <summary>
/// Sets up what tells other systems about motion (admins only, checked here whatever the page showed): the webhooks,
/// the MQTT broker and the public address. Secrets are write-only: stored protected, shown as set or not set, a mask
/// sent back keeps them. A change is checked, stored, written to the change log (without secrets), applied here at
/// once and announced to the other nodes.
/// </summary>
internal sealed class NotificationAdministration(
    IDbContextFactory<DashboardDbContext> contexts,
    IAuthorizationService authorization,
    NotificationStore store,
    NotificationSettings settings,
    WebhookSender sender,
    CameraAudit audit,
    IChangeBus changes,
    TimeProvider time)
{
    /// <summary>The change log's subject for these settings (never a camera id: those start with a letter or digit).</summary>
    public const string AuditSubject = "_notifications";

    private const string Refusal = "Only admins may see and change the notification settings.";

    public async Task<ChangeResult<NotificationsView>> OpenAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await authorization.DemandAsync(user, DashboardPolicies.Administer, Refusal) is { } refused)
        {
            return refused.As<NotificationsView>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == NotificationSettingsRecord.SingleId, cancellationToken) ?? Defaults();
        var webhooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken);
        return ChangeResult.Ok(new NotificationsView(
            row.PublicUrl,
            [.. webhooks.Select(w => new WebhookView(w.Id, w.Name, Redaction.RedactUrl(w.Url)!, SecretSet: true))],
            new BrokerView(row.MqttEnabled, row.MqttHost, row.MqttPort, row.MqttUseTls, row.MqttUserName, row.MqttProtectedPassword is not null, row.MqttTopicPrefix, row.MqttDiscoveryPrefix)));
    }

    public async Task<ChangeResult> SaveWebhookAsync(ClaimsPrincipal user, WebhookChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await authorization.DemandAsync(user, DashboardPolicies.Administer, Refusal) is { } refused)
        {
            return refused;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = change.Id is { } id ? await db.Webhooks.FindAsync([id], cancellationToken) : null;
        if (change.Id is not null && stored is null)
        {
            return ChangeResult.NotFound("This webhook was removed meanwhile.");
        }

        var name = change.Name?.Trim() ?? "";
        var url = stored is not null && change.Url == Redaction.RedactUrl(stored.Url) ? stored.Url : change.Url?.Trim() ?? "";
        var keepSecret = stored is not null && change.Secret == Redaction.Mask;
        var problems = new List<SettingProblem>();
        if (name.Length is 0 or > 100)
        {
            problems.Add(new(nameof(WebhookChange.Name), "Enter a name of at most 100 characters; the deliveries are listed under it."));
        }
        else if (await db.Webhooks.AnyAsync(w => w.Name == name && w.Id != (change.Id ?? Guid.Empty), cancellationToken))
        {
            problems.Add(new(nameof(WebhookChange.Name), $"There is a webhook named '{name}' already."));
        }

        if (Redaction.Mask is var mask && url.Contains(mask, StringComparison.Ordinal))
        {
            problems.Add(new(nameof(WebhookChange.Url), $"{mask} stands for a stored credential in the address, but the address around it changed: type the whole address again."));
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || !NotificationRules.IsHttpUrl(parsed) || url.Length > 2048)
        {
            problems.Add(new(nameof(WebhookChange.Url), $"The address {NotificationRules.HttpUrl}."));
        }

        if (!keepSecret && (change.Secret?.Length ?? 0) < NotificationRules.MinSecretLength)
        {
            problems.Add(new(nameof(WebhookChange.Secret), change.Secret == Redaction.Mask
                ? "Type a secret for the new webhook."
                : $"The secret must be at least {NotificationRules.MinSecretLength} characters: the receiver checks the signature with it."));
        }

        if (problems.Count > 0)
        {
            return ChangeResult.Invalid(problems);
        }

        (string Name, string? Url)? before = stored is null ? null : (stored.Name, Redaction.RedactUrl(stored.Url));
        if (stored is null)
        {
            stored = new WebhookRecord { Id = Guid.CreateVersion7(time.GetUtcNow()), Name = name, Url = url, ProtectedSecret = store.Protect(change.Secret!), CreatedAt = time.GetUtcNow() };
            db.Webhooks.Add(stored);
        }
        else
        {
            (stored.Name, stored.Url) = (name, url);
            if (!keepSecret)
            {
                stored.ProtectedSecret = store.Protect(change.Secret!);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var shown = Redaction.RedactUrl(url);
        var details = before is null
            ? $"webhook '{name}' to {shown}"
            : NotificationChanges.Describe([("Name", before.Value.Name, name), ("Url", before.Value.Url, shown)], keepSecret ? null : "secret replaced", $"webhook '{name}'");
        await AppliedAsync(user, before is null ? "webhook added" : "webhook changed", details, cancellationToken);
        return ChangeResult.Done;
    }

    public async Task<ChangeResult> DeleteWebhookAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (await authorization.DemandAsync(user, DashboardPolicies.Administer, Refusal) is { } refused)
        {
            return refused;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Webhooks.FindAsync([id], cancellationToken) is not { } stored)
        {
            return ChangeResult.NotFound("This webhook was removed already.");
        }

        db.Webhooks.Remove(stored);
        await db.SaveChangesAsync(cancellationToken);
        await AppliedAsync(user, "webhook removed", $"webhook '{stored.Name}' to {Redaction.RedactUrl(stored.Url)}", cancellationToken);
        return ChangeResult.Done;
    }

    public async Task<ChangeResult> SaveBrokerAsync(ClaimsPrincipal user, BrokerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await authorization.DemandAsync(user, DashboardPolicies.Administer, Refusal) is { } refused)
        {
            return refused;
        }

        var problems = NotificationChanges.Check(change).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.FirstOrDefaultAsync(s => s.Id == NotificationSettingsRecord.SingleId, cancellationToken);
        var keepPassword = change.Password == Redaction.Mask;
        if (keepPassword && row?.MqttProtectedPassword is null)
        {
            problems.Add(new(nameof(BrokerChange.Password), $"{Redaction.Mask} stands for a stored password, but none is set: type the password, or clear the field."));
        }

        if (problems.Count > 0)
        {
            return ChangeResult.Invalid(problems);
        }

        if (row is null)
        {
            row = Defaults();
            db.NotificationSettings.Add(row);
        }

        var before = (row.PublicUrl, row.MqttEnabled, row.MqttHost, row.MqttPort, row.MqttUseTls, row.MqttUserName, row.MqttTopicPrefix, row.MqttDiscoveryPrefix);
        var hadPassword = row.MqttProtectedPassword is not null;
        var publicUrl = string.IsNullOrWhiteSpace(change.PublicUrl) ? null : new Uri(change.PublicUrl.Trim()).AbsoluteUri;
        var host = string.IsNullOrWhiteSpace(change.Host) ? null : change.Host.Trim();
        var userName = string.IsNullOrWhiteSpace(change.UserName) ? null : change.UserName.Trim();
        (row.PublicUrl, row.MqttEnabled, row.MqttHost, row.MqttPort, row.MqttUseTls, row.MqttUserName, row.MqttTopicPrefix, row.MqttDiscoveryPrefix) =
            (publicUrl, change.Enabled, host, change.Port, change.UseTls, userName, change.TopicPrefix!.Trim(), change.DiscoveryPrefix!.Trim());
        if (!keepPassword)
        {
            row.MqttProtectedPassword = string.IsNullOrEmpty(change.Password) ? null : store.Protect(change.Password);
        }

        await db.SaveChangesAsync(cancellationToken);
        var password = keepPassword ? null : string.IsNullOrEmpty(change.Password) ? (hadPassword ? "password cleared" : null) : "password replaced";
        var details = NotificationChanges.Describe(
            [
                ("Public address", before.PublicUrl, publicUrl),
                ("MQTT", before.MqttEnabled ? "on" : "off", change.Enabled ? "on" : "off"),
                ("Host", before.MqttHost, host),
                ("Port", $"{before.MqttPort}", $"{change.Port}"),
                ("TLS", before.MqttUseTls ? "on" : "off", change.UseTls ? "on" : "off"),
                ("User name", before.MqttUserName, userName),
                ("Topic prefix", before.MqttTopicPrefix, row.MqttTopicPrefix),
                ("Discovery prefix", before.MqttDiscoveryPrefix, row.MqttDiscoveryPrefix),
            ],
            password,
            "broker and public address");
        await AppliedAsync(user, "broker changed", details, cancellationToken);
        return ChangeResult.Done;
    }

    /// <summary>Posts a signed test payload to the stored webhook now and hands back how it went.</summary>
    public async Task<ChangeResult<WebhookDelivery>> SendTestAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (await authorization.DemandAsync(user, DashboardPolicies.Administer, Refusal) is { } refused)
        {
            return refused.As<WebhookDelivery>();
        }

        return settings.Current.Webhooks.FirstOrDefault(w => w.Id == id) is { } webhook
            ? ChangeResult.Ok(await sender.SendTestAsync(webhook, cancellationToken))
            : ChangeResult.NotFound("This webhook is not stored (any more), or its secret cannot be read: save it again.").As<WebhookDelivery>();
    }

    private async Task AppliedAsync(ClaimsPrincipal user, string action, string details, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(AuditSubject, user.Identity?.Name ?? "unknown", action, details, cancellationToken);
        await store.ReloadAsync(cancellationToken);
        await changes.PublishAsync(new NodeChange(NodeChangeKind.NotificationsChanged, ""), cancellationToken);
    }

    private static NotificationSettingsRecord Defaults() => new() { MqttTopicPrefix = "camera-dashboard", MqttDiscoveryPrefix = "homeassistant" };
}
