using Microsoft.AspNetCore.Builder;

namespace Streaming.Tests.Sources;

/// <summary>The capture thread's path: blocking reads of the body through the camera client's own connection stream.</summary>
public sealed class HttpCameraBlockingReadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task BlockingReadsOnACaptureThreadPassPartsThroughByteForByte()
    {
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stream", context =>
            RemoteCamera.WriteStreamAsync(context, HttpCameraSourceTests.Frames, new PartFraming("b0undary", ContentLength: false), HttpCameraSourceTests.Interval)));
        await using var source = RemoteCamera.Source(HttpCameraSourceTests.Camera(remote.Url("/stream")));
        await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);

        var frames = await OnCaptureThread(() => Enumerable.Range(0, 6).Select(_ =>
        {
            using var frame = source.ReadFrame(CancellationToken.None);
            return frame.Jpeg.ToArray();
        }).ToList());

        Assert.Equal([.. HttpCameraSourceTests.Frames, .. HttpCameraSourceTests.Frames], frames);
    }

    [Fact]
    public async Task CancellingABlockingReadOfAStalledStreamEndsIt()
    {
        // One part, then nothing: the second read blocks in the kernel until the cancellation closes the connection.
        await using var remote = await RemoteCamera.StartAsync(app => app.MapGet("/stall", async context =>
        {
            await RemoteCamera.WriteStreamAsync(context, HttpCameraSourceTests.Frames[..1], new PartFraming(), HttpCameraSourceTests.Interval, loop: false);
            await Task.Delay(System.Threading.Timeout.Infinite, context.RequestAborted);
        }));
        await using var source = RemoteCamera.Source(HttpCameraSourceTests.Camera(remote.Url("/stall")));
        await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
        using var cancel = new CancellationTokenSource();

        var reading = OnCaptureThread(() =>
        {
            using (source.ReadFrame(cancel.Token))
            {
            }

            return source.ReadFrame(cancel.Token);
        });
        await Assert.ThrowsAsync<TimeoutException>(() => reading.WaitAsync(TimeSpan.FromMilliseconds(500)));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Timeout));
    }

    private static Task<T> OnCaptureThread<T>(Func<T> read) =>
        Task.Factory.StartNew(read, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(Timeout);
}
