namespace Dashboard.Motion;

/// <summary>The notification settings as the page and the API may show them: no secret, only whether one is set.</summary>
public sealed record NotificationsView(string? PublicUrl, IReadOnlyList<WebhookView> Webhooks, BrokerView Broker);

/// <summary>A webhook as shown: its address with any credential in it masked, and whether its secret is set.</summary>
public sealed record WebhookView(Guid Id, string Name, string Url, bool SecretSet);

/// <summary>The broker as shown: whether a password is set, never the password.</summary>
public sealed record BrokerView(bool Enabled, string? Host, int Port, bool UseTls, string? UserName, bool PasswordSet, string TopicPrefix, string DiscoveryPrefix);

/// <summary>
/// A webhook as the form sends it (no <see cref="Id"/>: a new one). A <see cref="Secret"/> of
/// <see cref="Streaming.Cameras.Redaction.Mask"/> keeps the stored secret; a <see cref="Url"/> shown masked, sent back
/// unchanged, keeps the stored address.
/// </summary>
public sealed record WebhookChange(Guid? Id, string? Name, string? Url, string? Secret);

/// <summary>
/// The public address and the broker as the form sends them. A <see cref="Password"/> of
/// <see cref="Streaming.Cameras.Redaction.Mask"/> keeps the stored one; empty clears it.
/// </summary>
public sealed record BrokerChange(
    string? PublicUrl,
    bool Enabled,
    string? Host,
    int Port,
    bool UseTls,
    string? UserName,
    string? Password,
    string? TopicPrefix,
    string? DiscoveryPrefix);
