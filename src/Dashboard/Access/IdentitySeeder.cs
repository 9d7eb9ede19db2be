using System.Security.Cryptography;
using Dashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>
/// Creates the roles, and on the first run (no user at all) the admin from <c>Auth:AdminUser</c> /
/// <c>Auth:AdminPassword</c>. Without a configured password a strong one is generated and printed once
/// to the console (not to the log).
/// </summary>
internal sealed class IdentitySeeder(
    UserManager<DashboardUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<AuthOptions> options,
    ILogger<IdentitySeeder> logger) : IDatabaseSeeder
{
    public int Order => 20;

    public async Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        foreach (var role in DashboardRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var auth = options.Value;
        var generated = string.IsNullOrEmpty(auth.AdminPassword);
        var password = generated ? GeneratePassword() : auth.AdminPassword!;
        var admin = new DashboardUser { UserName = auth.AdminUser };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create the first admin '{auth.AdminUser}': {string.Join(" ", created.Errors.Select(e => e.Description))} (check Auth:AdminUser and Auth:AdminPassword).");
        }

        Check(await users.AddToRoleAsync(admin, DashboardRoles.Admin), "make the first user an admin");
        LogAdminCreated(logger, auth.AdminUser, generated);
        if (generated)
        {
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine($"  First admin created.  User: {auth.AdminUser}   Password: {password}");
            Console.WriteLine("  This password is shown only once. Sign in and change it, or set");
            Console.WriteLine("  Auth__AdminPassword before the first start next time.");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
    }

    /// <summary>20 characters from a 62-letter alphabet (about 119 bits), plus one of each class the rules ask for.</summary>
    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20) + "-Aa1";

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static void LogAdminCreated(ILogger logger, string user, bool generated) =>
#pragma warning disable CA1848 // Once per installation.
        logger.LogWarning("No user existed: created admin '{User}' ({Source}).", user, generated ? "generated password printed to the console" : "password from Auth:AdminPassword");
#pragma warning restore CA1848
}
