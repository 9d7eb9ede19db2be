using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging.Testing;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Sources;

namespace Streaming.Tests.Sources;

/// <summary>
/// MJPEG .avi files are played without OpenCV, frame by frame as they are stored: files ffmpeg writes (the JPEGs
/// stored untouched with <c>-c:v copy</c>), and hand-made ones for what ffmpeg does not write here (an OpenDML file's
/// second RIFF part, a damaged frame).
/// </summary>
public sealed class MjpegAviSourceTests : IDisposable
{
    private const int Frames = 6;
    private readonly string _folder = Directory.CreateTempSubdirectory("mjpeg-avi-").FullName;
    private readonly List<byte[]> _jpegs = [];

    public MjpegAviSourceTests()
    {
        for (var i = 0; i < Frames; i++)
        {
            var jpeg = TestImages.Jpeg(160, 120, (byte)(i * 40));
            _jpegs.Add(jpeg);
            File.WriteAllBytes(Path.Combine(_folder, $"frame_{i:D3}.jpg"), jpeg);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AnFfmpegAviPlaysEveryStoredJpegByteForByteInOrderAndLoops()
    {
        var clip = await FfmpegClipAsync("clip.avi");
        await using var source = await OpenAsync(clip);

        for (var i = 0; i < Frames * 2; i++)
        {
            using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
            Assert.Equal(_jpegs[i % Frames], frame.Jpeg.ToArray());
            Assert.Equal((160, 120), (frame.Width, frame.Height));
        }
    }

    [Fact]
    public async Task WithoutLoopTheCameraEndsAfterTheLastFrame()
    {
        await using var source = await OpenAsync(await FfmpegClipAsync("clip.avi"), loop: false);
        for (var i = 0; i < Frames; i++)
        {
            using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
        }

        var ended = await Assert.ThrowsAsync<FrameSourceEndedException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask().Within());
        Assert.Contains("ended (Loop is off)", ended.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFactoryPlaysMjpegAvisItselfEvenWithoutOpenCvAndLeavesOtherFilesToOpenCv()
    {
        var avi = await FfmpegClipAsync("clip.avi");
        var mkv = await FfmpegClipAsync("clip.mkv");
        var mpeg4 = Path.Combine(_folder, "mpeg4.avi");
        await Programs.RunAsync("ffmpeg", "-loglevel", "error", "-y", "-framerate", "30", "-i", Path.Combine(_folder, "frame_%03d.jpg"), "-c:v", "mpeg4", mpeg4);
        var withOpenCv = new FrameSourceFactory(TimeProvider.System);
        var withoutOpenCv = new FrameSourceFactory(TimeProvider.System, new FakeLogger(), () => new OpenCvAvailability(false, "OpenCV is not available.", new DllNotFoundException("libOpenCvSharpExtern.so")), CameraDefinitionValidator.ResolveProgram);

        Assert.IsType<MjpegAviSource>(withOpenCv.Create(Camera(avi)));
        Assert.IsType<MjpegAviSource>(withoutOpenCv.Create(Camera(avi)));
        Assert.IsType<OpenCvCaptureSource>(withOpenCv.Create(Camera(mkv)));
        Assert.IsType<OpenCvCaptureSource>(withOpenCv.Create(Camera(mpeg4)));
        Assert.IsType<OpenCvCaptureSource>(withOpenCv.Create(Camera(Path.Combine(_folder, "missing.avi"))));
        Assert.Throws<PermanentFrameSourceException>(() => withoutOpenCv.Create(Camera(avi) with { Image = ImageAdjustments.None with { FlipHorizontal = true } }));
    }

    [Fact]
    public async Task FramesInAnOpenDmlFilesSecondRiffPartArePlayedToo()
    {
        var file = Path.Combine(_folder, "opendml.avi");
        await File.WriteAllBytesAsync(file, [.. Riff("AVI ", Headers(), List("movi", Chunk("00dc", _jpegs[0]))), .. Riff("AVIX", List("movi", Chunk("00dc", _jpegs[1])))]);
        await using var source = await OpenAsync(file);

        for (var i = 0; i < 4; i++)
        {
            using var frame = await source.ReadFrameAsync(CancellationToken.None).Within();
            Assert.Equal(_jpegs[i % 2], frame.Jpeg.ToArray());
        }
    }

    [Fact]
    public async Task ADamagedFrameIsSkippedAndAFileOfNoJpegsFailsWithItsName()
    {
        var damaged = Path.Combine(_folder, "damaged.avi");
        await File.WriteAllBytesAsync(damaged, Riff("AVI ", Headers(), List("movi", Chunk("00dc", _jpegs[0]), Chunk("00dc", "not a jpeg"u8.ToArray()), Chunk("01wb", [1, 2, 3]), Chunk("00dc", _jpegs[2]))));
        var garbage = Path.Combine(_folder, "garbage.avi");
        await File.WriteAllBytesAsync(garbage, Riff("AVI ", Headers(), List("movi", Chunk("00dc", "not a jpeg"u8.ToArray()))));

        await using (var source = await OpenAsync(damaged))
        {
            using var first = await source.ReadFrameAsync(CancellationToken.None).Within();
            using var second = await source.ReadFrameAsync(CancellationToken.None).Within();
            Assert.Equal(_jpegs[0], first.Jpeg!.ToArray());
            Assert.Equal(_jpegs[2], second.Jpeg!.ToArray());
        }

        await using var nothing = await OpenAsync(garbage);
        var failure = await Assert.ThrowsAsync<FrameSourceException>(() => nothing.ReadFrameAsync(CancellationToken.None).AsTask().Within());
        Assert.Equal($"The video file '{garbage}' holds no JPEG frames.", failure.Message);
    }

    private static CameraDefinition Camera(string file, bool loop = true) => new() { Id = "f", Kind = CameraKind.OpenCv, File = file, Fps = 200, Loop = loop };

    private static async Task<MjpegAviSource> OpenAsync(string file, bool loop = true)
    {
        var camera = Camera(file, loop);
        Assert.True(MjpegAviSource.CanPlay(camera), $"{file} is an MJPEG .avi");
        var source = new MjpegAviSource(camera, TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);
        return source;
    }

    /// <summary>The frame files stored as they are (<c>-c:v copy</c>) in <paramref name="name"/>'s container.</summary>
    private async Task<string> FfmpegClipAsync(string name)
    {
        var clip = Path.Combine(_folder, name);
        await Programs.RunAsync("ffmpeg", "-loglevel", "error", "-y", "-framerate", "30", "-i", Path.Combine(_folder, "frame_%03d.jpg"), "-c:v", "copy", clip);
        return clip;
    }

    /// <summary>hdrl with one video stream: strh (vids, MJPG, 30 fps) and strf (BITMAPINFOHEADER, MJPG).</summary>
    private static byte[] Headers()
    {
        var strh = new byte[56];
        Encoding.ASCII.GetBytes("vidsMJPG").CopyTo(strh, 0);
        BinaryPrimitives.WriteInt32LittleEndian(strh.AsSpan(20), 1);
        BinaryPrimitives.WriteInt32LittleEndian(strh.AsSpan(24), 30);
        var strf = new byte[40];
        BinaryPrimitives.WriteInt32LittleEndian(strf, 40);
        Encoding.ASCII.GetBytes("MJPG").CopyTo(strf, 16);
        return List("hdrl", Chunk("avih", new byte[56]), List("strl", Chunk("strh", strh), Chunk("strf", strf)));
    }

    private static byte[] Riff(string form, params byte[][] content) => Container("RIFF", form, content);

    private static byte[] List(string type, params byte[][] content) => Container("LIST", type, content);

    private static byte[] Container(string id, string type, byte[][] content) => Chunk(id, [.. Encoding.ASCII.GetBytes(type), .. content.SelectMany(c => c)]);

    /// <summary>A chunk: id, little-endian size, data, padded to an even length.</summary>
    private static byte[] Chunk(string id, byte[] data)
    {
        var chunk = new byte[8 + data.Length + (data.Length % 2)];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), data.Length);
        data.CopyTo(chunk, 8);
        return chunk;
    }
}
