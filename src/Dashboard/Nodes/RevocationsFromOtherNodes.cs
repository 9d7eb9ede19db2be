using Dashboard.Access.Tokens;
using Dashboard.Access.Sharing;
using Dashboard.Access.SignIn;

namespace Dashboard.Nodes;

/// <summary>Ends on this node what another node revoked: a share link's streams, a token's requests, a user's sessions.</summary>
internal sealed class RevocationsFromOtherNodes(ShareLinkRevocations links, MachineTokenRevocations tokens, UserSessions users) : INodeChangeHandler
{
    public Task ApplyAsync(NodeChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        switch (change.Kind)
        {
            case NodeChangeKind.ShareLinkRevoked when Guid.TryParse(change.Id, out var link):
                links.Revoke(link);
                break;
            case NodeChangeKind.TokenRevoked when Guid.TryParse(change.Id, out var token):
                tokens.Revoke(token);
                break;
            case NodeChangeKind.UserChanged when change.Id.Length > 0:
                users.End(change.Id);
                break;
        }

        return Task.CompletedTask;
    }
}
