using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>
/// Limits failed sign-ins (the form and HTTP Basic alike) per client address, on top of Identity's
/// per-account lockout: guessing many accounts from one address is slowed down too. Only failures
/// count, so a camera tool that sends its credentials with every request is never throttled.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter;

    public SignInThrottle(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perMinute = options.Value.SignInAttemptsPerMinute;
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetSlidingWindowLimiter(
            address,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
    }

    /// <summary>True when the address has failed too often recently and must wait.</summary>
    public bool IsBlocked(IPAddress? address) =>
        _limiter.GetStatistics(address ?? IPAddress.None) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts a failed attempt against the address.</summary>
    public void RecordFailure(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(address ?? IPAddress.None);
    }

    public void Dispose() => _limiter.Dispose();
}
