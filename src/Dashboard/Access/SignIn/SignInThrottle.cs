using System.Net;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.SignIn;

/// <summary>
/// Limits failed sign-ins (the form and HTTP Basic alike) per client address, on top of Identity's
/// per-account lockout: guessing many accounts from one address is slowed down too. Only failures
/// count, so a camera tool that sends its credentials with every request is never throttled.
/// </summary>
/// <remarks>
/// The window slides on reads, with no timer: <c>PartitionedRateLimiter</c> did the same job with a 100 ms
/// heartbeat that woke the idle process ten times a second for as long as it ran (docs/benchmarks.md, "Footprint").
/// </remarks>
public sealed class SignInThrottle
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly int _perMinute;
    private readonly TimeProvider _time;
    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _failures = [];
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep;

    public SignInThrottle(IOptions<AuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _perMinute = options.Value.SignInAttemptsPerMinute;
        _time = time;
        _nextSweep = time.GetUtcNow() + Window;
    }

    /// <summary>True when the address has failed too often recently and must wait.</summary>
    public bool IsBlocked(IPAddress? address)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _failures.TryGetValue(address ?? IPAddress.None, out var times) && Recent(times, now) >= _perMinute;
        }
    }

    /// <summary>Counts a failed attempt against the address.</summary>
    public void RecordFailure(IPAddress? address)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            var key = address ?? IPAddress.None;
            if (!_failures.TryGetValue(key, out var times))
            {
                _failures[key] = times = new Queue<DateTimeOffset>();
            }

            // Failures past the limit change nothing (the address is blocked until the oldest leaves the window).
            if (Recent(times, now) < _perMinute)
            {
                times.Enqueue(now);
            }
        }
    }

    /// <summary>Drops the failures older than the window and counts the rest.</summary>
    private static int Recent(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.TryPeek(out var oldest) && now - oldest >= Window)
        {
            times.Dequeue();
        }

        return times.Count;
    }

    /// <summary>At most once a window, forgets the addresses whose failures have all expired.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + Window;
        foreach (var (address, times) in _failures)
        {
            if (Recent(times, now) == 0)
            {
                _failures.Remove(address);
            }
        }
    }
}
