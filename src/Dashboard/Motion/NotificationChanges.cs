using Dashboard.Cameras;
using Streaming.Cameras;

namespace Dashboard.Motion;

/// <summary>The checks of a broker change, per field, and the change log's words for a change (no secrets in them).</summary>
internal static class NotificationChanges
{
    public static IEnumerable<SettingProblem> Check(BrokerChange change)
    {
        if (!string.IsNullOrWhiteSpace(change.PublicUrl) && (!Uri.TryCreate(change.PublicUrl.Trim(), UriKind.Absolute, out var url) || !NotificationRules.IsHttpUrl(url)))
        {
            yield return new(nameof(BrokerChange.PublicUrl), $"The public address {NotificationRules.HttpUrl.Replace("/hook", "/", StringComparison.Ordinal)}.");
        }

        if (change.Enabled && !NotificationRules.IsHost(change.Host?.Trim()))
        {
            yield return new(nameof(BrokerChange.Host), "Enter the broker's host name or IP address, e.g. 192.168.1.10 (or turn MQTT off).");
        }

        if (change.Port is < 1 or > 65535)
        {
            yield return new(nameof(BrokerChange.Port), "The port must be between 1 and 65535 (1883 for MQTT, 8883 with TLS).");
        }

        if (!NotificationRules.IsTopicPrefix(change.TopicPrefix))
        {
            yield return new(nameof(BrokerChange.TopicPrefix), "Enter a topic prefix without # or + (MQTT wildcards), e.g. camera-dashboard.");
        }

        if (!NotificationRules.IsTopicPrefix(change.DiscoveryPrefix))
        {
            yield return new(nameof(BrokerChange.DiscoveryPrefix), "Enter a discovery prefix without # or + (MQTT wildcards); Home Assistant's is homeassistant.");
        }

        if (!string.IsNullOrEmpty(change.Password) && string.IsNullOrWhiteSpace(change.UserName))
        {
            yield return new(nameof(BrokerChange.UserName), "A password is set without a user name: enter the user name, or clear the password.");
        }
    }

    /// <summary>"Name: a -> b; Port: 1 -> 2; secret replaced", or that nothing changed (of <paramref name="subject"/>).</summary>
    public static string Describe(IEnumerable<(string Setting, string? Before, string? After)> settings, string? secret, string subject)
    {
        var changed = settings.Where(s => s.Before != s.After).Select(s => $"{s.Setting}: {s.Before ?? "(none)"} -> {s.After ?? "(none)"}").ToList();
        if (secret is not null)
        {
            changed.Add(secret);
        }

        return changed.Count == 0 ? $"{subject}: {CameraDiff.NoChange}" : $"{subject}: {string.Join("; ", changed)}";
    }
}
