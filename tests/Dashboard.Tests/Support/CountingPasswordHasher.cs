using System.Buffers.Binary;
using System.Collections.Concurrent;
using Dashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Support;

/// <summary>
/// Identity's own hasher with the app's options, noting each verification and the PBKDF2 rounds the hash it
/// verified carries (what the check cost). Register it with <see cref="Register"/> through <c>WithServices</c>.
/// </summary>
internal sealed class CountingPasswordHasher : IPasswordHasher<DashboardUser>
{
    private readonly ConcurrentQueue<int> _rounds = new();
    private PasswordHasher<DashboardUser> _inner = new();

    public int Verifications => _rounds.Count;

    /// <summary>The rounds of every hash verified so far, in order.</summary>
    public IReadOnlyList<int> RoundsVerified => [.. _rounds];

    public void Register(IServiceCollection services) => services.AddSingleton<IPasswordHasher<DashboardUser>>(provider =>
    {
        _inner = new PasswordHasher<DashboardUser>(provider.GetRequiredService<IOptions<PasswordHasherOptions>>());
        return this;
    });

    public string HashPassword(DashboardUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(DashboardUser user, string hashedPassword, string providedPassword)
    {
        _rounds.Enqueue(RoundsOf(hashedPassword));
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    // Identity's v3 format: a 0x01 marker, the PRF, then the round count (big-endian); v2 hashes had a fixed 1,000.
    private static int RoundsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return bytes[0] == 0x01 ? (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) : 1_000;
    }
}
