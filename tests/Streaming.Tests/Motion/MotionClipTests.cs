using System.Globalization;
using System.Security.Cryptography;
using OpenCvSharp;
using Streaming.Avi;
using Streaming.Broadcasting;
using Streaming.Motion;

namespace Streaming.Tests.Motion;

/// <summary>One synthetic scene played once through a monitor: its frames, the one event and its clip.</summary>
public sealed class RecordedScene : IAsyncLifetime
{
    internal SyntheticScene Scene { get; } = new(Seconds: 20, MoveFrom: 8, MoveTo: 10, new Rect2d(0.1, 0.1, 0.4, 0.6));

    internal MotionRig Rig { get; } = new();

    internal IReadOnlyList<JpegFrame> Frames { get; private set; } = [];

    internal MotionEvent Event { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Frames = Scene.Render();
        await Rig.PlayAsync(Frames);
        Event = Assert.Single(Rig.Ended);
    }

    public async Task DisposeAsync() => await Rig.DisposeAsync();
}

public sealed class MotionClipTests(RecordedScene recorded) : IClassFixture<RecordedScene>
{
    private readonly SyntheticScene _scene = recorded.Scene;
    private readonly MotionRig _rig = recorded.Rig;
    private readonly IReadOnlyList<JpegFrame> _frames = recorded.Frames;
    private readonly MotionEvent _event = recorded.Event;

    private string ClipPath => Path.Combine(_rig.Storage.CameraFolder("cam"), _event.ClipFile!);

    /// <summary>The camera's frames the clip must hold: from 5 s before the start to 5 s after the end.</summary>
    private List<JpegFrame> Expected => [.. _frames.Where(f => f.CapturedAt >= _event.Start - _rig.Options.PreBuffer && f.CapturedAt <= _event.End!.Value + _rig.Options.PostBuffer)];

    [Fact]
    public async Task TheClipHoldsTheCameraFramesByteForByteFromThePreBufferOnAtTheirOriginalTimes()
    {
        await using var clip = await MjpegAviReader.OpenAsync(ClipPath, CancellationToken.None);

        var expected = Expected;
        Assert.Equal(expected.Count, clip.Frames.Count);
        Assert.Equal(expected.Count, _event.ClipFrames);
        Assert.InRange((expected[0].CapturedAt - (_event.Start - _rig.Options.PreBuffer)).TotalSeconds, 0, 0.1);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Data.ToArray(), await clip.ReadAsync(clip.Frames[i], CancellationToken.None));
            Assert.InRange((clip.Frames[i].At - (expected[i].CapturedAt - expected[0].CapturedAt)).TotalMilliseconds, -5.01, 5.01);
        }

        Assert.Equal(new FileInfo(ClipPath).Length, _event.ClipBytes);
    }

    [Fact]
    public async Task FfmpegReadsTheSameBytesAtTheSameTimes()
    {
        // framehash of a stream copy: one line per packet ffmpeg reads, with its time and the SHA-256 of its bytes.
        var output = await Programs.RunAsync("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", ClipPath, "-map", "0:v", "-c", "copy", "-f", "framehash", "-hash", "sha256", "-");
        var packets = output.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(',', StringSplitOptions.TrimEntries))
            .Select(p => (Pts: long.Parse(p[2], CultureInfo.InvariantCulture), Hash: p[5]))
            .ToList();

        var expected = Expected;
        Assert.Equal(expected.Count, packets.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected[i].Data.Span)), packets[i].Hash);
            var seconds = (double)packets[i].Pts / MjpegAviWriter.TicksPerSecond;
            Assert.InRange(seconds - (expected[i].CapturedAt - expected[0].CapturedAt).TotalSeconds, -0.006, 0.006);
        }
    }

    [Fact]
    public async Task FfprobeSeesAnMjpegVideoOfTheCamerasSizeAndTheClipsLength()
    {
        var output = await Programs.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height:format=duration", "-of", "default=noprint_wrappers=1", ClipPath);

        Assert.Contains("codec_name=mjpeg", output, StringComparison.Ordinal);
        Assert.Contains($"width={_scene.Width}", output, StringComparison.Ordinal);
        Assert.Contains($"height={_scene.Height}", output, StringComparison.Ordinal);
        var duration = double.Parse(output.Split('\n').Single(l => l.StartsWith("duration=", StringComparison.Ordinal))[9..], CultureInfo.InvariantCulture);
        var expected = Expected;
        Assert.InRange(duration, (expected[^1].CapturedAt - expected[0].CapturedAt).TotalSeconds, (expected[^1].CapturedAt - expected[0].CapturedAt).TotalSeconds + 0.2);
    }

    [Fact]
    public async Task FfmpegDecodesEveryFrameOfTheClip()
    {
        var output = await Programs.RunAsync("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", ClipPath, "-fps_mode", "passthrough", "-f", "framehash", "-");

        Assert.Equal(Expected.Count, output.Split('\n').Count(l => l.Length > 0 && l[0] != '#'));
    }
}
