using Dashboard.Data;

namespace Dashboard.Access.Sharing;

public enum ShareLinkState
{
    Active,
    Expired,
    Revoked,
}

public static class ShareLinkStates
{
    /// <summary>Revoked wins over expired: it says what someone did.</summary>
    public static ShareLinkState StateAt(this ShareLink link, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.RevokedAt is not null ? ShareLinkState.Revoked
            : link.ExpiresAt is { } expiresAt && expiresAt <= now ? ShareLinkState.Expired
            : ShareLinkState.Active;
    }
}
