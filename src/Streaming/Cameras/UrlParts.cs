namespace Streaming.Cameras;

/// <summary>
/// A URL cut the way credentials are found in it: the userinfo runs to the last '@' before the query, so a
/// password holding '@' or '/' is taken whole (a path holding '@' is then counted as userinfo: better to hide
/// too much than a password).
/// </summary>
internal sealed record UrlParts(string Scheme, string? UserInfo, string HostAndPath, string? Query, string Fragment)
{
    public IReadOnlyList<(string Name, string? Value)> Pairs =>
        Query is null ? [] : [.. Query.Split('&').Select(p => p.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0 ? (p[..eq], (string?)p[(eq + 1)..]) : (p, null))];

    public static UrlParts Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = url[..schemeEnd];
        var rest = url[(schemeEnd + 3)..];
        var fragmentStart = rest.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentStart < 0 ? "" : rest[fragmentStart..];
        rest = fragmentStart < 0 ? rest : rest[..fragmentStart];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? null : rest[(queryStart + 1)..];
        var authorityAndPath = queryStart < 0 ? rest : rest[..queryStart];
        var at = authorityAndPath.LastIndexOf('@');
        return new UrlParts(scheme, at < 0 ? null : authorityAndPath[..at], authorityAndPath[(at + 1)..], query, fragment);
    }

    public override string ToString()
    {
        var userInfo = UserInfo is null ? "" : UserInfo + "@";
        var query = Query is null ? "" : "?" + Query;
        return $"{Scheme}://{userInfo}{HostAndPath}{query}{Fragment}";
    }
}
