using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Streaming.Cameras;

namespace Streaming.Tests.Support;

/// <summary>A registry with scripted sources and a fake clock, for broadcaster and lifecycle tests.</summary>
internal sealed class CameraFixture : IAsyncDisposable
{
    public CameraFixture(StreamingOptions? options = null, ILoggerFactory? loggers = null)
    {
        Options = options ?? new StreamingOptions();
        Registry = new CameraRegistry(Sources, Microsoft.Extensions.Options.Options.Create(Options), Time, loggers ?? NullLoggerFactory.Instance);
    }

    public ScriptedSources Sources { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public StreamingOptions Options { get; }

    public CameraRegistry Registry { get; }

    public Task<Camera> AddAsync(CameraDefinition? definition = null) =>
        Registry.AddOrUpdateAsync(new ConfiguredCamera(definition ?? new CameraDefinition { Id = "cam" }));

    /// <summary>Moves the fake clock in small steps until the condition holds (timers fire as they would).</summary>
    public Task AdvanceUntilAsync(Func<bool> condition, string because, TimeSpan? step = null) =>
        Eventually.HoldsAsync(
            () =>
            {
                if (condition())
                {
                    return true;
                }

                Time.Advance(step ?? TimeSpan.FromMilliseconds(100));
                return false;
            },
            because);

    public ValueTask DisposeAsync() => Registry.DisposeAsync();
}
