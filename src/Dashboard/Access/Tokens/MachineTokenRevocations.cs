using Dashboard.Access.Sharing;

namespace Dashboard.Access.Tokens;

/// <summary>
/// The requests a machine token is serving, so revoking it (or its expiry) ends its live streams at once. The same
/// bookkeeping as share links', kept apart so a token's id and a link's never meet in one table.
/// </summary>
public sealed class MachineTokenRevocations(TimeProvider time)
{
    private readonly ShareLinkRevocations _live = new(time);

    /// <summary>Registers a request served by a token; <paramref name="end"/> runs on revocation or expiry. Dispose when the request ends.</summary>
    public IDisposable Track(Guid tokenId, DateTimeOffset? expiresAt, Action end) => _live.Track(tokenId, expiresAt, end);

    /// <summary>Ends every request the token is serving on this node.</summary>
    public void Revoke(Guid tokenId) => _live.Revoke(tokenId);
}
