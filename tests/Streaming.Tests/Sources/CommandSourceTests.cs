using System.Diagnostics;
using Streaming.Cameras;
using Streaming.Sources;

namespace Streaming.Tests.Sources;

public sealed class CommandSourceTests
{
    internal static CameraDefinition Ffmpeg(string id = "ff", string size = "320x240", int rate = 25, params string[] extra) => new()
    {
        Id = id,
        Kind = CameraKind.Command,
        Command = "ffmpeg",
        Arguments = ["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate={rate}", .. extra, "-f", "mjpeg", "-"],
    };

    [Fact]
    public async Task FfmpegFramesArePassedThroughAsJpegs()
    {
        await using var source = new CommandSource(Ffmpeg(), TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
            Assert.Null(frame.Image);
            Assert.True(TestImages.IsCompleteJpeg(frame.Jpeg));
            Assert.Equal((320, 240), (frame.Width, frame.Height));
            Assert.Equal((320, 240), (TestImages.Decode(frame.Jpeg!).Width, TestImages.Decode(frame.Jpeg!).Height));
        }
    }

    [Fact]
    public async Task CommandThatExitsReportsItsCodeAndLastErrorLine()
    {
        var camera = new CameraDefinition { Id = "x", Kind = CameraKind.Command, Command = "sh", Arguments = ["-c", "echo 'camera not found' >&2; exit 3"] };
        await using var source = new CommandSource(camera, TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);

        var failure = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("'sh' exited with code 3: camera not found", failure.Message);
    }

    [Fact]
    public async Task ArgumentsAreNotInterpretedByAShell()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"injected-{Guid.NewGuid():N}");
        var camera = new CameraDefinition { Id = "x", Kind = CameraKind.Command, Command = "echo", Arguments = [$"; touch {marker}", $"$(touch {marker})"] };
        await using var source = new CommandSource(camera, TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);

        await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task DisposingTheSourceEndsTheProcess()
    {
        var source = new CommandSource(Ffmpeg(), TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);
        using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
        var pid = source.ProcessId!.Value;

        await source.DisposeAsync();

        Assert.False(IsRunning(pid));
    }

    [Fact]
    public async Task CancellingABlockingReadEndsTheProgramAndTheRead()
    {
        var camera = new CameraDefinition { Id = "x", Kind = CameraKind.Command, Command = "sleep", Arguments = ["60"] };
        await using var source = new CommandSource(camera, TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);
        var pid = source.ProcessId!.Value;
        using var cancel = new CancellationTokenSource();

        var reading = Task.Factory.StartNew(() => source.ReadFrame(cancel.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.HoldsAsync(() => !IsRunning(pid), "the program ended");
    }

    [Fact]
    public async Task ABlockingReadPassesFramesThroughLikeAnAwaitedOne()
    {
        await using var source = new CommandSource(Ffmpeg(), TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);

        var frames = await Task.Factory.StartNew(
            () => Enumerable.Range(0, 10).Select(_ => source.ReadFrame(CancellationToken.None)).ToList(),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(frames, frame => Assert.True(TestImages.IsCompleteJpeg(frame.Jpeg)));
        Assert.Equal(10, frames.Select(f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(f.Jpeg.Span))).Distinct().Count());
    }

    internal static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
