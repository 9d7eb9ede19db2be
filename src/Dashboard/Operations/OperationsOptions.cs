using System.ComponentModel.DataAnnotations;

namespace Dashboard.Operations;

/// <summary>Running behind a proxy and being watched (section <c>Operations</c>).</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>A token Prometheus may send (<c>Authorization: Bearer ...</c>) instead of a user's credentials. Empty: users only.</summary>
    [MinLength(16, ErrorMessage = "Operations:MetricsBearerToken must be at least 16 characters.")]
    public string? MetricsBearerToken { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For/-Proto/-Host/-Prefix headers are trusted
    /// (loopback is always trusted). Example: ["192.168.1.2"].
    /// </summary>
    public IList<string> KnownProxies { get; } = [];
}
