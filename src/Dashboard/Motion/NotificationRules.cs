namespace Dashboard.Motion;

/// <summary>The rules for the settings that tell other systems, shared by the start-up check and the notifications page.</summary>
internal static class NotificationRules
{
    public const int MinSecretLength = 16;

    public const string HttpUrl = "must be an absolute http:// or https:// address, e.g. https://example.com/hook";

    public static bool IsHttpUrl(Uri? url) => url is { IsAbsoluteUri: true, Scheme: "http" or "https" };

    public static bool IsHost(string? host) => !string.IsNullOrWhiteSpace(host) && Uri.CheckHostName(host) != UriHostNameType.Unknown;

    /// <summary>MQTT topics may not hold the wildcards <c>#</c> and <c>+</c>.</summary>
    public static bool IsTopicPrefix(string? prefix) => !string.IsNullOrWhiteSpace(prefix) && prefix.IndexOfAny(['#', '+']) < 0;
}
