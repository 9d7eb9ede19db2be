using System.Security.Claims;
using Dashboard.Access;
using Microsoft.AspNetCore.Authorization;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>What users change about stored events: deleting one, for operators (the page and the API both come here).</summary>
internal sealed class MotionEventActions(IAuthorizationService authorization, MotionEventStore events, MotionService motion)
{
    public async Task<ChangeResult> DeleteAsync(ClaimsPrincipal user, string cameraId, Guid eventId, CancellationToken cancellationToken = default)
    {
        if (await authorization.DemandAsync(user, DashboardPolicies.Operate, "Only operators and admins may delete events.") is { } refused)
        {
            return refused;
        }

        if (await events.FindAsync(cameraId, eventId, cancellationToken) is not { } found)
        {
            return ChangeResult.NotFound("The event does not exist (any more).");
        }

        // The files go and the sinks are told; the row goes now, so a list right after no longer shows it.
        motion.Delete(found);
        await events.HandleAsync(new MotionNotice(MotionNoticeKind.Deleted, found), cancellationToken);
        return ChangeResult.Done;
    }
}
