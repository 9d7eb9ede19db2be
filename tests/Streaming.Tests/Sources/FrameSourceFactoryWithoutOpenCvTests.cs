using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Sources;

namespace Streaming.Tests.Sources;

/// <summary>Which source each kind gets when OpenCV's native library does not load (the probe's answer is given).</summary>
public sealed class FrameSourceFactoryWithoutOpenCvTests
{
    private const string Problem = "OpenCV is not available: this build has no native library libOpenCvSharpExtern.so for linux-arm64.";

    private static readonly OpenCvAvailability Missing = new(false, Problem, new DllNotFoundException("libOpenCvSharpExtern.so"));

    private readonly FakeLogger _log = new();

    private FrameSourceFactory Factory(Func<string, string?>? resolveProgram = null) =>
        new(TimeProvider.System, _log, () => Missing, resolveProgram ?? CameraDefinitionValidator.ResolveProgram);

    [Fact]
    public void CamerasThatNeedOpenCvFailPermanentlyWithTheSentenceLoggedOnceWithTheLoadersException()
    {
        var factory = Factory();

        foreach (var camera in (CameraDefinition[])[
            new() { Id = "pattern" },
            new() { Id = "file", Kind = CameraKind.OpenCv, File = "/srv/clip.mp4" },
            new() { Id = "rtsp", Kind = CameraKind.OpenCv, Url = "rtsp://192.168.1.20/stream1" },
            new() { Id = "pattern" }])
        {
            var failure = Assert.Throws<PermanentFrameSourceException>(() => factory.Create(camera));
            Assert.Equal(Problem, failure.Message);
        }

        var logged = Assert.Single(_log.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.StartsWith(Problem, logged.Message, StringComparison.Ordinal);
        Assert.IsType<DllNotFoundException>(logged.Exception);
    }

    [Fact]
    public void PassthroughKindsNeedOpenCvOnlyForImageSettings()
    {
        var factory = Factory();
        var sequence = new CameraDefinition { Id = "seq", Kind = CameraKind.ImageSequence };
        var command = new CameraDefinition { Id = "cmd", Kind = CameraKind.Command, Command = "ffmpeg" };

        Assert.IsType<ImageSequenceSource>(factory.Create(sequence));
        Assert.IsType<CommandSource>(factory.Create(command));
        Assert.Empty(_log.Collector.GetSnapshot());

        var rotated = sequence with { Image = ImageAdjustments.None with { Rotation = Rotation.Clockwise90 } };
        var failure = Assert.Throws<PermanentFrameSourceException>(() => factory.Create(rotated));
        Assert.Equal($"Image settings (rotation, flips, brightness, contrast, caption) need OpenCV. {Problem}", failure.Message);
    }

    [Fact]
    public async Task ADeviceRunsThroughFfmpegsV4l2Input()
    {
        var source = Factory().Create(new CameraDefinition { Id = "usb", Kind = CameraKind.OpenCv, Device = 97 });
        await using var _ = source;

        // No /dev/video97 here: ffmpeg's v4l2 input itself says so, which shows the device went to ffmpeg.
        await source.OpenAsync(CancellationToken.None);
        var failure = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask().Within());
        Assert.StartsWith("'ffmpeg' exited with code ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/dev/video97", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceWithoutOpenCvAndWithoutFfmpegFailsNamingBoth()
    {
        var failure = Assert.Throws<PermanentFrameSourceException>(() => Factory(_ => null).Create(new CameraDefinition { Id = "usb", Kind = CameraKind.OpenCv, Device = 0 }));

        Assert.Equal($"{Problem} Without OpenCV a V4L2 device is read through ffmpeg, which is not installed either (apt-get install ffmpeg).", failure.Message);
    }
}
