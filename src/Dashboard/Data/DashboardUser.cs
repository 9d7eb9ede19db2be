using Microsoft.AspNetCore.Identity;

namespace Dashboard.Data;

/// <summary>A person who signs in to the dashboard.</summary>
public sealed class DashboardUser : IdentityUser
{
    /// <summary>An admin can switch an account off without deleting it; a disabled user cannot sign in.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
