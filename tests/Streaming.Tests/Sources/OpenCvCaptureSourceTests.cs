using OpenCvSharp;
using Streaming.Cameras;
using Streaming.Sources;

namespace Streaming.Tests.Sources;

public sealed class OpenCvCaptureSourceTests : IDisposable
{
    private const int FramesInFile = 5;
    private readonly string _video = Path.Combine(Path.GetTempPath(), $"clip-{Guid.NewGuid():N}.avi");

    public OpenCvCaptureSourceTests()
    {
        using var writer = new VideoWriter(_video, FourCC.MJPG, 25, new Size(160, 120));
        for (var i = 0; i < FramesInFile; i++)
        {
            using var image = TestImages.Image(160, 120, (byte)(i * 40));
            writer.Write(image);
        }
    }

    public void Dispose() => File.Delete(_video);

    [Fact]
    public async Task VideoFileLoopsWhenItEnds()
    {
        await using var source = new OpenCvCaptureSource(new CameraDefinition { Id = "f", Kind = CameraKind.OpenCv, File = _video, Fps = 200 });
        await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        for (var i = 0; i < FramesInFile * 3; i++)
        {
            using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
            Assert.Equal((160, 120), (frame.Width, frame.Height));
            Assert.True(TestImages.IsCompleteJpeg(frame.Jpeg), "an MJPEG file's frames come out as JPEG, undecoded");
        }
    }

    [Fact]
    public async Task VideoFileWithoutLoopEnds()
    {
        await using var source = new OpenCvCaptureSource(new CameraDefinition { Id = "f", Kind = CameraKind.OpenCv, File = _video, Fps = 200, Loop = false });
        await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        var ended = await Assert.ThrowsAsync<FrameSourceEndedException>(async () =>
        {
            for (var i = 0; i <= FramesInFile; i++)
            {
                using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
            }
        });
        Assert.Contains("ended (Loop is off)", ended.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileOfAnotherCodecIsDecodedAndNamesItsCodec()
    {
        var mpeg4 = Path.ChangeExtension(_video, ".mpeg4.avi");
        try
        {
            using (var writer = new VideoWriter(mpeg4, FourCC.FromString("FMP4"), 25, new Size(160, 120)))
            {
                for (var i = 0; i < FramesInFile; i++)
                {
                    using var image = TestImages.Image(160, 120, (byte)(i * 40));
                    writer.Write(image);
                }
            }

            await using var source = new OpenCvCaptureSource(new CameraDefinition { Id = "f", Kind = CameraKind.OpenCv, File = mpeg4, Fps = 200 });
            await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();

            Assert.False(frame.IsJpeg);
            Assert.Equal((160, 120), (frame.Image!.Width, frame.Image.Height));
            Assert.Equal("FMP4", frame.Format);
        }
        finally
        {
            File.Delete(mpeg4);
        }
    }

    [Theory]
    [InlineData("MJPG", true)]
    [InlineData("mjpe", true)]
    [InlineData("H264", false)]
    [InlineData("YUYV", false)]
    public void MjpegIsRecognisedByItsFourCc(string fourCc, bool isMjpeg) =>
        Assert.Equal(isMjpeg, OpenCvCaptureSource.IsMjpeg(VideoWriter.FourCC(fourCc[0], fourCc[1], fourCc[2], fourCc[3])));

    [Fact]
    public async Task DeviceThatCannotBeOpenedFailsWithItsName()
    {
        await using var source = new OpenCvCaptureSource(new CameraDefinition { Id = "d", Kind = CameraKind.OpenCv, Device = 63 });

        var failure = await Assert.ThrowsAsync<FrameSourceException>(() => source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("Could not open device 63 (/dev/video63).", failure.Message);
    }
}
