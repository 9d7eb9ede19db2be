using System.ComponentModel.DataAnnotations;

namespace Dashboard.Access;

/// <summary>Sign-in settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Name of the admin created on the first run, when no user exists yet.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9._@-]{1,64}$", ErrorMessage = "Auth:AdminUser must be 1-64 letters, digits or . _ @ -.")]
    public string AdminUser { get; set; } = "admin";

    /// <summary>
    /// Password of that first admin (env <c>Auth__AdminPassword</c>). When empty, a strong one is generated
    /// and printed once to the console. There is no built-in default.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// Wrong passwords (form or HTTP Basic) for one account from one client address before that address may not
    /// sign in to that account for <see cref="LockoutDuration"/>. The owner elsewhere is not affected.
    /// </summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>
    /// Wrong passwords for one account from all addresses together before the account is locked for everyone
    /// (for <see cref="LockoutDuration"/>): the limit for guessing from many addresses. At least <see cref="MaxFailedAttempts"/>.
    /// </summary>
    [Range(1, 10_000)]
    public int AccountMaxFailedAttempts { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a verified (user, password) pair is remembered in memory, so a tool sending HTTP Basic with every
    /// request costs one password hash per this time, not one per request. Zero turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CredentialCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sign-in attempts (form or HTTP Basic) allowed per client address per minute.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>How long a dashboard sign-in lasts without activity.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(14);
}
