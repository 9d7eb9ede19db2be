using Streaming.Cameras;
using Streaming.Http;

namespace Streaming.Tests.Support;

/// <summary>
/// The base of the HTTP tests that each get a <see cref="StreamingTestHost"/> of their own with the class's cameras:
/// started before the test, stopped after it.
/// </summary>
public abstract class StreamingHostTest : IAsyncLifetime
{
    private readonly Func<Task<StreamingTestHost>> _start;

    protected StreamingHostTest(params CameraDefinition[] cameras) => _start = () => StreamingTestHost.StartAsync(cameras);

    protected StreamingHostTest(FeedSender sender, params CameraDefinition[] cameras) => _start = () => StreamingTestHost.StartAsync(sender, cameras);

    private protected StreamingTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await _start();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
