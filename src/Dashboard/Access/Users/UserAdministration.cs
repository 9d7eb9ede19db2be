using System.Security.Claims;
using Dashboard.Access.SignIn;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Streaming.Cameras;

namespace Dashboard.Access.Users;

/// <summary>
/// What an admin does to user accounts: list, create, set the role, reset the password, disable or enable,
/// unlock, delete. Every call checks the acting user itself (the Administer policy, and in the database: still
/// an enabled admin with the same security stamp), so a hidden button is never the only guard. The system
/// always keeps an enabled admin. A change of role, password or disabled state gives the user a new
/// security stamp and ends their sessions and streams at once (<see cref="UserSessions"/>). Scoped: one per
/// circuit or request, answering a <see cref="ChangeResult"/> like every service that changes state.
/// </summary>
public sealed partial class UserAdministration(
    UserManager<DashboardUser> users,
    DashboardDbContext db,
    IAuthorizationService authorization,
    IOptions<IdentityOptions> identity,
    UserChangeGate gate,
    UserSessions sessions,
    IChangeBus changes,
    SignInLockouts lockouts,
    TimeProvider time,
    ILogger<UserAdministration> logger)
{
    public const int MaxUserNameLength = 64;

    public Task<ChangeResult<IReadOnlyList<UserSummary>>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, refused => refused.As<IReadOnlyList<UserSummary>>(), async _ =>
        {
            var roles = (await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.Name);
            var accounts = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
            var now = time.GetUtcNow();
            return ChangeResult.Ok<IReadOnlyList<UserSummary>>(
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
            ]);
        }, cancellationToken);

    public Task<ChangeResult> CreateAsync(ClaimsPrincipal actor, NewUser request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChangeAsync(actor, async admin =>
        {
            var user = new DashboardUser { UserName = request.UserName?.Trim() ?? "", CreatedAt = time.GetUtcNow() };
            var errors = new List<SettingProblem>();
            if (user.UserName.Length == 0)
            {
                errors.Add(new(nameof(NewUser.UserName), "Enter a user name."));
            }
            else if (user.UserName.Length > MaxUserNameLength)
            {
                errors.Add(new(nameof(NewUser.UserName), $"Use at most {MaxUserNameLength} characters."));
            }
            else
            {
                foreach (var validator in users.UserValidators)
                {
                    Collect(errors, await validator.ValidateAsync(users, user));
                }
            }

            if (!DashboardRoles.All.Contains(request.Role))
            {
                errors.Add(new(nameof(NewUser.Role), "Pick a role."));
            }

            Collect(errors, await ValidatePasswordAsync(user, request.Password));
            if (errors.Count > 0)
            {
                return ChangeResult.Invalid(errors);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user, request.Password);
            if (!created.Succeeded)
            {
                return ToChange(created);
            }

            var added = await users.AddToRoleAsync(user, request.Role);
            if (!added.Succeeded)
            {
                return ToChange(added);
            }

            await transaction.CommitAsync(cancellationToken);
            LogChange(logger, admin.UserName, "created", user.UserName, request.Role);
            return ChangeResult.Done;
        }, cancellationToken);
    }

    /// <summary>Makes the user a Viewer, Operator or Admin (exactly one of them).</summary>
    public Task<ChangeResult> SetRoleAsync(ClaimsPrincipal actor, string userId, string role, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, async admin =>
        {
            if (!DashboardRoles.All.Contains(role))
            {
                return ChangeResult.Invalid(nameof(NewUser.Role), "Pick Viewer, Operator or Admin.");
            }

            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return NoSuchUser;
            }

            var current = (await users.GetRolesAsync(user)).Where(DashboardRoles.All.Contains).ToList();
            if (current is [var only] && only == role)
            {
                return ChangeResult.Done;
            }

            if (role != DashboardRoles.Admin && await IsLastEnabledAdminAsync(user))
            {
                return LastAdmin(user);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await users.RemoveFromRolesAsync(user, current);
            result = result.Succeeded ? await users.AddToRoleAsync(user, role) : result;
            result = result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            await transaction.CommitAsync(cancellationToken);
            return await EndedAsync(admin, "changed the role of", user, role, cancellationToken);
        }, cancellationToken);

    /// <summary>Sets a new password (checked against the password rules); the user's sessions end.</summary>
    public Task<ChangeResult> ResetPasswordAsync(ClaimsPrincipal actor, string userId, string password, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(actor, userId, async (admin, user) =>
        {
            var errors = new List<SettingProblem>();
            Collect(errors, await ValidatePasswordAsync(user, password));
            if (errors.Count > 0)
            {
                return ChangeResult.Invalid(errors);
            }

            // Resetting through a token changes the hash and the security stamp in one update.
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, password);
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            return await EndedAsync(admin, "reset the password of", user, null, cancellationToken);
        }, cancellationToken);

    /// <summary>Disables (cannot sign in by any route; running streams end) or enables an account.</summary>
    public Task<ChangeResult> SetDisabledAsync(ClaimsPrincipal actor, string userId, bool disabled, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(actor, userId, async (admin, user) =>
        {
            if (user.IsDisabled == disabled)
            {
                return ChangeResult.Done;
            }

            if (disabled && await IsLastEnabledAdminAsync(user))
            {
                return LastAdmin(user);
            }

            if (disabled && user.Id == admin.Id)
            {
                return ChangeResult.Refused("You cannot disable your own account. Another admin can.");
            }

            user.IsDisabled = disabled;
            var result = await users.UpdateSecurityStampAsync(user);
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            return await EndedAsync(admin, disabled ? "disabled" : "enabled", user, null, cancellationToken);
        }, cancellationToken);

    /// <summary>Ends a lockout after too many failed sign-ins (of the account, and of every address paused for it), and forgets the failures.</summary>
    public Task<ChangeResult> UnlockAsync(ClaimsPrincipal actor, string userId, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(actor, userId, async (admin, user) =>
        {
            var result = await users.SetLockoutEndDateAsync(user, null);
            result = result.Succeeded ? await users.ResetAccessFailedCountAsync(user) : result;
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            lockouts.Reset(user.Id);
            LogChange(logger, admin.UserName, "unlocked", user.UserName, null);
            return ChangeResult.Done;
        }, cancellationToken);

    /// <summary>Deletes an account (and its dashboard preferences); its sessions and streams end.</summary>
    public Task<ChangeResult> DeleteAsync(ClaimsPrincipal actor, string userId, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(actor, userId, async (admin, user) =>
        {
            if (await IsLastEnabledAdminAsync(user))
            {
                return LastAdmin(user);
            }

            if (user.Id == admin.Id)
            {
                return ChangeResult.Refused("You cannot delete your own account. Another admin can.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.UserPreferences.Where(p => p.UserName == user.UserName).ExecuteDeleteAsync(cancellationToken);
            var result = await users.DeleteAsync(user);
            if (!result.Succeeded)
            {
                return ToChange(result);
            }

            await transaction.CommitAsync(cancellationToken);
            return await EndedAsync(admin, "deleted", user, null, cancellationToken);
        }, cancellationToken);

    /// <summary>A change that gave the user a new stamp: their sessions and streams end now; the change is logged.</summary>
    /// <summary>Ends the user's sessions and streams here, and tells the other nodes to end theirs.</summary>
    private async Task<ChangeResult> EndedAsync(DashboardUser admin, string action, DashboardUser user, string? detail, CancellationToken cancellationToken)
    {
        sessions.End(user.Id);
        await changes.PublishAsync(new NodeChange(NodeChangeKind.UserChanged, user.Id), cancellationToken);
        LogChange(logger, admin.UserName, action, user.UserName, detail);
        return ChangeResult.Done;
    }

    private static ChangeResult NoSuchUser { get; } = ChangeResult.NotFound("That user does not exist any more.");

    private static ChangeResult LastAdmin(DashboardUser user) =>
        ChangeResult.Conflict($"{user.UserName} is the last enabled admin. Make another user an admin first.");

    private Task<ChangeResult> ChangeAsync(ClaimsPrincipal actor, Func<DashboardUser, Task<ChangeResult>> action, CancellationToken cancellationToken) =>
        RunAsync(actor, refused => refused, action, cancellationToken);

    /// <summary>A change of one existing account (<paramref name="action"/> gets the acting admin and that account).</summary>
    private Task<ChangeResult> ChangeUserAsync(ClaimsPrincipal actor, string userId, Func<DashboardUser, DashboardUser, Task<ChangeResult>> action, CancellationToken cancellationToken) =>
        ChangeAsync(actor, async admin => await users.FindByIdAsync(userId) is { } user ? await action(admin, user) : NoSuchUser, cancellationToken);

    /// <summary>Runs one call behind the gate, on fresh rows, for an acting user who still is an enabled admin.</summary>
    private async Task<TResult> RunAsync<TResult>(
        ClaimsPrincipal actor,
        Func<ChangeResult, TResult> refuse,
        Func<DashboardUser, Task<TResult>> action,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var entered = await gate.EnterAsync(cancellationToken);

        // The context lives as long as the circuit: read every row afresh, as another admin may have changed it.
        db.ChangeTracker.Clear();
        if (await authorization.DemandAsync(actor, DashboardPolicies.Administer, "Only admins may manage users.") is { } refused)
        {
            return refuse(refused);
        }

        return await CurrentAdminAsync(actor) is { } admin
            ? await action(admin)
            : refuse(ChangeResult.Refused("Your sign-in no longer allows managing users. Sign in again."));
    }

    /// <summary>The acting user, if the account still is an enabled admin with the principal's security stamp.</summary>
    private async Task<DashboardUser?> CurrentAdminAsync(ClaimsPrincipal actor)
    {
        var user = await users.GetUserAsync(actor);
        var stampClaim = identity.Value.ClaimsIdentity.SecurityStampClaimType;
        return user is null
            || user.IsDisabled
            || actor.FindFirstValue(stampClaim) != user.SecurityStamp
            || !await users.IsInRoleAsync(user, DashboardRoles.Admin)
            ? null
            : user;
    }

    private async Task<bool> IsLastEnabledAdminAsync(DashboardUser user)
    {
        if (user.IsDisabled || !await users.IsInRoleAsync(user, DashboardRoles.Admin))
        {
            return false;
        }

        var admins = await users.GetUsersInRoleAsync(DashboardRoles.Admin);
        return !admins.Any(a => a.Id != user.Id && !a.IsDisabled);
    }

    private async Task<IdentityResult> ValidatePasswordAsync(DashboardUser user, string? password)
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

    private static ChangeResult ToChange(IdentityResult result)
    {
        var errors = new List<SettingProblem>();
        Collect(errors, result);
        return ChangeResult.Invalid(errors);
    }

    /// <summary>Identity's messages, under the field they are about (<see cref="ChangeResult.ErrorFor"/> joins a field's messages).</summary>
    private static void Collect(List<SettingProblem> errors, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => nameof(NewUser.UserName),
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => nameof(NewUser.Password),
                _ => ChangeResult.General,
            };
            errors.Add(new(field, error.Description));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {Admin} {Action} user {User} {Detail}")]
    private static partial void LogChange(ILogger logger, string? admin, string action, string? user, string? detail);
}
