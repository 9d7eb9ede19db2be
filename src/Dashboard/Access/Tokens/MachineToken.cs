namespace Dashboard.Access.Tokens;

/// <summary>
/// A named token a user (or an admin for them) made for a tool or another node: Home Assistant, Prometheus, a hub
/// reading this dashboard. It acts as its owner, with the owner's role at the time of each request, and never more.
/// </summary>
public sealed class MachineToken : IssuedSecret
{
    /// <summary>The owner (<see cref="Data.DashboardUser"/>'s id); deleting the user deletes their tokens.</summary>
    public required string UserId { get; set; }
}
