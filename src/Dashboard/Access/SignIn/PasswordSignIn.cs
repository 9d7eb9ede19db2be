using System.Net;
using System.Security.Claims;
using Dashboard.Data;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access.SignIn;

/// <summary>What <see cref="PasswordSignIn.CheckAsync"/> found: the user when the password opens the account.</summary>
public sealed record PasswordCheck(DashboardUser? User, bool AddressBlocked)
{
    public bool Succeeded => User is not null;

    /// <summary>The one message for every refusal except the address throttle: it must not say which of them it was.</summary>
    public static string Refusal(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"Wrong user name or password, or too many failed attempts: then wait {Math.Max(1, (int)Math.Ceiling(options.LockoutDuration.TotalMinutes))} minutes.";
    }

    public const string AddressRefusal = "Too many failed sign-ins from your address. Wait a minute, then try again.";
}

/// <summary>
/// The password check of the sign-in form and of HTTP Basic. An unknown name, a disabled or locked account and a
/// wrong password are refused alike and cost alike (one password hash; an unknown name is checked against a dummy
/// hash; <see cref="RefusalPacing"/> evens out the database writes a wrong password adds), so neither the answer nor
/// its time tells whether an account exists or is locked. Wrong passwords count per account and address
/// (<see cref="SignInLockouts"/>) and per account (Identity's lockout, with the higher
/// <see cref="AuthOptions.AccountMaxFailedAttempts"/>), and per address over all accounts (<see cref="SignInThrottle"/>).
/// A success is remembered for a while (<see cref="CredentialCache"/>).
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<DashboardUser> signIn,
    SignInThrottle throttle,
    SignInLockouts lockouts,
    CredentialCache cache,
    RefusalPacing pacing,
    DummyPasswordHash dummy,
    TimeProvider time)
{
    public async Task<PasswordCheck> CheckAsync(string userName, string password, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (throttle.IsBlocked(address))
        {
            return new PasswordCheck(null, AddressBlocked: true);
        }

        var started = time.GetTimestamp();
        var users = signIn.UserManager;
        var user = string.IsNullOrEmpty(userName) ? null : await users.FindByNameAsync(userName);
        if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user) || lockouts.IsLocked(user.Id, address))
        {
            // Hashed all the same, and never against the cache: the time must not depend on why, nor on the password.
            if (user is null)
            {
                dummy.Verify(users.PasswordHasher, password);
            }
            else
            {
                await users.CheckPasswordAsync(user, password);
            }

            throttle.RecordFailure(address);
            await pacing.PadAsync(started);
            return new PasswordCheck(null, AddressBlocked: false);
        }

        if (!cache.Matches(userName, user, password))
        {
            if (!await users.CheckPasswordAsync(user, password))
            {
                await users.AccessFailedAsync(user);
                if (await users.IsLockedOutAsync(user))
                {
                    cache.Drop(user.Id);
                }

                lockouts.RecordFailure(user.Id, address);
                throttle.RecordFailure(address);
                pacing.RecordWrongPassword(started);
                return new PasswordCheck(null, AddressBlocked: false);
            }

            cache.Remember(userName, user, password);
        }

        lockouts.Reset(user.Id, address);
        if (await users.GetAccessFailedCountAsync(user) > 0)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        return new PasswordCheck(user, AddressBlocked: false);
    }

    /// <summary>The user's principal (for HTTP Basic, which signs in on every request): made once per cache entry.</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync(string userName, DashboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (cache.PrincipalFor(userName, user) is { } cached)
        {
            return cached;
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        cache.Keep(userName, user, principal);
        return principal;
    }
}
