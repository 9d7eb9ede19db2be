using System.Security.Claims;
using Dashboard.Access.SignIn;
using Dashboard.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.Users;

/// <summary>
/// What an admin does to user accounts: list, create, set the role, reset the password, disable or enable,
/// unlock, delete. Every call checks the acting user itself (the Administer policy, and in the database: still
/// an enabled admin with the same security stamp), so a hidden button is never the only guard. The system
/// always keeps an enabled admin. A change of role, password or disabled state gives the user a new
/// security stamp and ends their sessions and streams at once (<see cref="UserSessions"/>).
/// </summary>
public sealed partial class UserAdministration(
    IServiceScopeFactory scopes,
    UserSessions sessions,
    SignInLockouts lockouts,
    TimeProvider time,
    ILogger<UserAdministration> logger) : IDisposable
{
    public const int MaxUserNameLength = 64;

    // Changes run one at a time, so two admins demoting each other cannot leave no admin.
    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <exception cref="UnauthorizedAccessException">The acting user is not (or no longer) an enabled admin.</exception>
    public Task<IReadOnlyList<UserSummary>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, exclusive: false, async work =>
        {
            var roles = (await (
                from userRole in work.Db.UserRoles
                join role in work.Db.Roles on userRole.RoleId equals role.Id
                select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.Name);
            var accounts = await work.Db.Users.AsNoTracking().ToListAsync(cancellationToken);
            var now = time.GetUtcNow();
            IReadOnlyList<UserSummary> list =
            [
                .. accounts
                    .Select(u => new UserSummary(
                        u.Id,
                        u.UserName ?? "",
                        DashboardRoles.All.LastOrDefault(roles[u.Id].Contains),
                        u.IsDisabled,
                        u.LockoutEnd is { } end && end > now ? end : null,
                        u.CreatedAt))
                    .OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase),
            ];
            return list;
        });

    /// <exception cref="UnauthorizedAccessException">The acting user is not (or no longer) an enabled admin.</exception>
    public Task<UserChange> CreateAsync(ClaimsPrincipal actor, NewUser request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(actor, exclusive: true, async work =>
        {
            var user = new DashboardUser { UserName = request.UserName?.Trim() ?? "", CreatedAt = time.GetUtcNow() };
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            if (user.UserName.Length == 0)
            {
                errors[nameof(NewUser.UserName)] = "Enter a user name.";
            }
            else if (user.UserName.Length > MaxUserNameLength)
            {
                errors[nameof(NewUser.UserName)] = $"Use at most {MaxUserNameLength} characters.";
            }
            else
            {
                foreach (var validator in work.Users.UserValidators)
                {
                    Collect(errors, await validator.ValidateAsync(work.Users, user));
                }
            }

            if (!DashboardRoles.All.Contains(request.Role))
            {
                errors[nameof(NewUser.Role)] = "Pick a role.";
            }

            Collect(errors, await ValidatePasswordAsync(work.Users, user, request.Password));
            if (errors.Count > 0)
            {
                return new UserChange(errors);
            }

            await using var transaction = await work.Db.Database.BeginTransactionAsync(cancellationToken);
            var created = await work.Users.CreateAsync(user, request.Password);
            if (!created.Succeeded)
            {
                return ToChange(created);
            }

            var added = await work.Users.AddToRoleAsync(user, request.Role);
            if (!added.Succeeded)
            {
                return ToChange(added);
            }

            await transaction.CommitAsync(cancellationToken);
            LogChange(logger, work.Actor.UserName, "created", user.UserName, request.Role);
            return UserChange.Done;
        });
    }

    /// <summary>Makes the user a Viewer, Operator or Admin (exactly one of them).</summary>
    /// <exception cref="UnauthorizedAccessException">The acting user is not (or no longer) an enabled admin.</exception>
    public Task<UserChange> SetRoleAsync(ClaimsPrincipal actor, string userId, string role, CancellationToken cancellationToken = default) =>
        RunAsync(actor, exclusive: true, async work =>
        {
            if (!DashboardRoles.All.Contains(role))
            {
                return UserChange.Refused("Pick Viewer, Operator or Admin.", nameof(NewUser.Role));
            }

            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return NoSuchUser;
            }

            var current = (await work.Users.GetRolesAsync(user)).Where(DashboardRoles.All.Contains).ToList();
            if (current is [var only] && only == role)
            {
                return UserChange.Done;
            }

            if (role != DashboardRoles.Admin && await IsLastEnabledAdminAsync(work.Users, user))
            {
                return LastAdmin(user);
            }

            await using var transaction = await work.Db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work.Users.RemoveFromRolesAsync(user, current);
            result = result.Succeeded ? await work.Users.AddToRoleAsync(user, role) : result;
            result = result.Succeeded ? await work.Users.UpdateSecurityStampAsync(user) : result;
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            await transaction.CommitAsync(cancellationToken);
            sessions.End(user.Id);
            LogChange(logger, work.Actor.UserName, "changed the role of", user.UserName, role);
            return UserChange.Done;
        });

    /// <summary>Sets a new password (checked against the password rules); the user's sessions end.</summary>
    /// <exception cref="UnauthorizedAccessException">The acting user is not (or no longer) an enabled admin.</exception>
    public Task<UserChange> ResetPasswordAsync(ClaimsPrincipal actor, string userId, string password, CancellationToken cancellationToken = default) =>
        RunAsync(actor, exclusive: true, async work =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return NoSuchUser;
            }

            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            Collect(errors, await ValidatePasswordAsync(work.Users, user, password));
            if (errors.Count > 0)
            {
                return new UserChange(errors);
            }

            // Resetting through a token changes the hash and the security stamp in one update.
            var token = await work.Users.GeneratePasswordResetTokenAsync(user);
            var result = await work.Users.ResetPasswordAsync(user, token, password);
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            sessions.End(user.Id);
            LogChange(logger, work.Actor.UserName, "reset the password of", user.UserName, null);
            return UserChange.Done;
        });

    /// <summary>Disables (cannot sign in by any route; running streams end) or enables an account.</summary>
    /// <exception cref="UnauthorizedAccessException">The acting user is not (or no longer) an enabled admin.</exception>
    public Task<UserChange> SetDisabledAsync(ClaimsPrincipal actor, string userId, bool disabled, CancellationToken cancellationToken = default) =>
        RunAsync(actor, exclusive: true, async work =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return NoSuchUser;
            }

            if (user.IsDisabled == disabled)
            {
                return UserChange.Done;
            }

            if (disabled && await IsLastEnabledAdminAsync(work.Users, user))
            {
                return LastAdmin(user);
            }

            if (disabled && user.Id == work.Actor.Id)
            {
                return UserChange.Refused("You cannot disable your own account. Another admin can.");
            }

            user.IsDisabled = disabled;
            var result = await work.Users.UpdateSecurityStampAsync(user);
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            sessions.End(user.Id);
            LogChange(logger, work.Actor.UserName, disabled ? "disabled" : "enabled", user.UserName, null);
            return UserChange.Done;
        });

    /// <summary>Ends a lockout after too many failed sign-ins (of the account, and of every address paused for it), and forgets the failures.</summary>
    /// <exception cref="UnauthorizedAccessException">The acting user is not (or no longer) an enabled admin.</exception>
    public Task<UserChange> UnlockAsync(ClaimsPrincipal actor, string userId, CancellationToken cancellationToken = default) =>
        RunAsync(actor, exclusive: true, async work =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return NoSuchUser;
            }

            var result = await work.Users.SetLockoutEndDateAsync(user, null);
            result = result.Succeeded ? await work.Users.ResetAccessFailedCountAsync(user) : result;
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            lockouts.Reset(user.Id);
            LogChange(logger, work.Actor.UserName, "unlocked", user.UserName, null);
            return UserChange.Done;
        });

    /// <summary>Deletes an account (and its dashboard preferences); its sessions and streams end.</summary>
    /// <exception cref="UnauthorizedAccessException">The acting user is not (or no longer) an enabled admin.</exception>
    public Task<UserChange> DeleteAsync(ClaimsPrincipal actor, string userId, CancellationToken cancellationToken = default) =>
        RunAsync(actor, exclusive: true, async work =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return NoSuchUser;
            }

            if (await IsLastEnabledAdminAsync(work.Users, user))
            {
                return LastAdmin(user);
            }

            if (user.Id == work.Actor.Id)
            {
                return UserChange.Refused("You cannot delete your own account. Another admin can.");
            }

            await using var transaction = await work.Db.Database.BeginTransactionAsync(cancellationToken);
            await work.Db.UserPreferences.Where(p => p.UserName == user.UserName).ExecuteDeleteAsync(cancellationToken);
            var result = await work.Users.DeleteAsync(user);
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            await transaction.CommitAsync(cancellationToken);
            sessions.End(user.Id);
            LogChange(logger, work.Actor.UserName, "deleted", user.UserName, null);
            return UserChange.Done;
        });

    public void Dispose() => _changes.Dispose();

    private static UserChange NoSuchUser { get; } = UserChange.Refused("That user does not exist any more.");

    private static UserChange LastAdmin(DashboardUser user) =>
        UserChange.Refused($"{user.UserName} is the last enabled admin. Make another user an admin first.");

    private async Task<T> RunAsync<T>(ClaimsPrincipal actor, bool exclusive, Func<Work, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (exclusive)
        {
            await _changes.WaitAsync();
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var users = services.GetRequiredService<UserManager<DashboardUser>>();
            var acting = await DemandAdminAsync(services, users, actor);
            return await action(new Work(acting, users, services.GetRequiredService<DashboardDbContext>()));
        }
        finally
        {
            if (exclusive)
            {
                _changes.Release();
            }
        }
    }

    /// <summary>The acting user, if the principal passes the Administer policy and the account still is an enabled admin with that security stamp.</summary>
    private static async Task<DashboardUser> DemandAdminAsync(IServiceProvider services, UserManager<DashboardUser> users, ClaimsPrincipal actor)
    {
        var authorization = services.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(actor, DashboardPolicies.Administer)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only admins may manage users.");
        }

        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var user = await users.GetUserAsync(actor);
        if (user is null
            || user.IsDisabled
            || actor.FindFirstValue(stampClaim) != user.SecurityStamp
            || !await users.IsInRoleAsync(user, DashboardRoles.Admin))
        {
            throw new UnauthorizedAccessException("Your sign-in no longer allows managing users. Sign in again.");
        }

        return user;
    }

    private static async Task<bool> IsLastEnabledAdminAsync(UserManager<DashboardUser> users, DashboardUser user)
    {
        if (user.IsDisabled || !await users.IsInRoleAsync(user, DashboardRoles.Admin))
        {
            return false;
        }

        var admins = await users.GetUsersInRoleAsync(DashboardRoles.Admin);
        return !admins.Any(a => a.Id != user.Id && !a.IsDisabled);
    }

    private static async Task<IdentityResult> ValidatePasswordAsync(UserManager<DashboardUser> users, DashboardUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return IdentityResult.Failed(new IdentityError { Code = "PasswordRequired", Description = "Enter a password." });
        }

        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private static UserChange ToChange(IdentityResult result)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(errors, result);
        return new UserChange(errors);
    }

    /// <summary>Identity's messages, under the field they are about (all of a field's messages in one text).</summary>
    private static void Collect(Dictionary<string, string> errors, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => nameof(NewUser.UserName),
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => nameof(NewUser.Password),
                _ => UserChange.General,
            };
            errors[field] = errors.TryGetValue(field, out var before) ? $"{before} {error.Description}" : error.Description;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {Admin} {Action} user {User} {Detail}")]
    private static partial void LogChange(ILogger logger, string? admin, string action, string? user, string? detail);

    private sealed record Work(DashboardUser Actor, UserManager<DashboardUser> Users, DashboardDbContext Db);
}
