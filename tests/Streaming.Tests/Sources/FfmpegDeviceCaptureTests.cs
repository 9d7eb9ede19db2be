using System.Diagnostics;
using System.Security.Cryptography;
using Streaming.Cameras;
using Streaming.Sources;

namespace Streaming.Tests.Sources;

/// <summary>
/// The webcam path without OpenCV: ffmpeg's v4l2 input, MJPEG copied. There is no webcam here, so the same code
/// runs against a file (its input arguments are the only difference) and the device arguments are checked as such.
/// </summary>
public sealed class FfmpegDeviceCaptureTests
{
    private static readonly CameraDefinition Webcam = new() { Id = "usb", Kind = CameraKind.OpenCv, Device = 2, Width = 1280, Height = 720, Fps = 7.5 };

    [Fact]
    public void DeviceInputAsksTheDeviceForMjpegAtTheCamerasSizeAndRateAndCopiesIt()
    {
        var arguments = FfmpegDeviceCapture.Arguments(FfmpegDeviceCapture.DeviceInput(Webcam));

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -f v4l2 -input_format mjpeg -video_size 1280x720 -framerate 7.5 -i /dev/video2 -c copy -f mjpeg -",
            string.Join(' ', arguments));
    }

    [Fact]
    public async Task AFilesJpegsArePassedThroughUntouchedInOrder()
    {
        var samples = CameraDefinitionValidator.ListJpegFiles(CameraDefinitionValidator.ResolveFolder(new CameraDefinition { Id = "s" }));
        var clip = await ClipOfAsync(samples);
        try
        {
            await using var source = FfmpegDeviceCapture.Create(Webcam, ["-re", "-stream_loop", "-1", "-i", clip], TimeProvider.System);
            await source.OpenAsync(CancellationToken.None);

            var expected = samples.Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).ToList();
            for (var i = 0; i < samples.Count + 1; i++)
            {
                using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
                Assert.Null(frame.Image);
                Assert.Equal(expected[i % samples.Count], Convert.ToHexString(SHA256.HashData(frame.Jpeg.Span)));
                Assert.Equal((1280, 720), (frame.Width, frame.Height));
            }
        }
        finally
        {
            File.Delete(clip);
        }
    }

    [Fact]
    public async Task AMissingDeviceFailsWithFfmpegsReasonLikeACommandCamera()
    {
        await using var source = FfmpegDeviceCapture.Create(Webcam with { Device = 97 }, FfmpegDeviceCapture.DeviceInput(Webcam with { Device = 97 }), TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);

        var failure = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.StartsWith("'ffmpeg' exited with code ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/dev/video97", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>An MJPEG .avi holding the files byte for byte (<c>-c:v copy</c>).</summary>
    private static async Task<string> ClipOfAsync(IReadOnlyList<string> jpegs)
    {
        var folder = Directory.CreateTempSubdirectory("ffmpeg-clip-").FullName;
        for (var i = 0; i < jpegs.Count; i++)
        {
            File.Copy(jpegs[i], Path.Combine(folder, $"frame_{i:00000}.jpg"));
        }

        var clip = Path.Combine(Path.GetTempPath(), $"clip-{Guid.NewGuid():N}.avi");
        using var ffmpeg = Process.Start("ffmpeg", ["-hide_banner", "-loglevel", "error", "-framerate", "10", "-i", Path.Combine(folder, "frame_%05d.jpg"), "-c:v", "copy", clip]);
        await ffmpeg.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Directory.Delete(folder, recursive: true);
        Assert.Equal(0, ffmpeg.ExitCode);
        return clip;
    }
}
