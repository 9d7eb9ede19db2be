using System.Security.Cryptography;
using Dashboard.Data;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access.SignIn;

/// <summary>
/// A hash of a random password, made once per app, that an unknown name is checked against so it costs what a wrong
/// password costs. Per app rather than static: a hash carries its own round count, so one made by another app's
/// hasher options would make unknown names cheaper than accounts.
/// </summary>
public sealed class DummyPasswordHash
{
    private static readonly DashboardUser Nobody = new();

    private string? _hash;

    /// <summary>Checks the password against the dummy hash with the app's hasher: as costly as a real check.</summary>
    public void Verify(IPasswordHasher<DashboardUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var hash = LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
