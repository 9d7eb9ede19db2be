namespace StreamingBench;

/// <summary>The figures of one scenario over its measurement window. NaN where there was nothing to measure.</summary>
internal sealed record ScenarioResult
{
    /// <summary>"app", or "floor" for the floor sender measured in the same run.</summary>
    public string Server { get; init; } = "app";

    public required int Clients { get; init; }

    public required int SlowClients { get; init; }

    public required double WindowSeconds { get; init; }

    public required double FastFpsMin { get; init; }

    public required double FastFpsMedian { get; init; }

    /// <summary>Parts completed by all clients, fast and slow, inside the window.</summary>
    public required long DeliveredFrames { get; init; }

    public required double ServerCpuMilliseconds { get; init; }

    public required double ServerCpuPercent { get; init; }

    public required double BenchCpuPercent { get; init; }

    public required long RssBaselineBytes { get; init; }

    public required long RssEndBytes { get; init; }

    public required double LatencyP50Ms { get; init; }

    public required double LatencyP99Ms { get; init; }

    public required double SlowFpsMedian { get; init; }

    public required double SlowBytesPerSecondMedian { get; init; }

    public required double SlowAgeP50Seconds { get; init; }

    public required double SlowAgeP99Seconds { get; init; }

    public required double SlowAgeP99FirstHalfSeconds { get; init; }

    public required double SlowAgeP99SecondHalfSeconds { get; init; }

    public required int PartErrors { get; init; }

    /// <summary>Clients that never got a 200 or lost their stream before the window ended.</summary>
    public required int FailedClients { get; init; }

    public double DeliveredFps => DeliveredFrames / WindowSeconds;

    public double CpuMsPerFrame => DeliveredFrames == 0 ? double.NaN : ServerCpuMilliseconds / DeliveredFrames;

    /// <summary>RSS growth per client beyond the first (the baseline is taken with one client streaming).</summary>
    public double RssPerClientBytes => Clients > 1 ? (RssEndBytes - RssBaselineBytes) / (double)(Clients - 1) : double.NaN;

    public string Name => SlowClients == 0 ? $"{Clients} fast" : $"{Clients - SlowClients} fast + {SlowClients} slow";
}
