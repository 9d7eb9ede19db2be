using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Streaming.Tests.Cameras;

/// <summary>A source's error that quotes the camera's credentials (OpenCV and ffmpeg echo the URL) is masked in the camera's state and in every log entry.</summary>
public sealed class CameraErrorRedactionTests
{
    private const string Url = "rtsp://admin:p@ss-7@192.168.1.20/x?user=admin&pwd=secret-7";

    private static readonly CameraDefinition Camera = new() { Id = "door", Kind = CameraKind.OpenCv, Url = Url };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnErrorQuotingTheUrlOrItsPasswordIsMaskedInTheStateAndTheLog(bool unexpected)
    {
        using var logs = new FakeLoggerProvider();
        using var loggers = new LoggerFactory([logs]);
        await using var fixture = new CameraFixture(loggers: loggers);
        var camera = await fixture.AddAsync(Camera);
        await using var subscription = camera.Subscribe(new SubscriberInfo { Kind = SubscriberKind.Feed });
        fixture.Sources.EmitImage();
        await Eventually.HoldsAsync(() => camera.State == CameraState.Streaming, "the camera streams");

        var message = $"[rtsp @ 0x5581] method DESCRIBE failed on {Url}: 401 (password p@ss-7 rejected)";
        if (unexpected)
        {
            fixture.Sources.Throw(new InvalidOperationException(message, new IOException($"read {Url}")));
        }
        else
        {
            fixture.Sources.Fail(message);
        }

        // The state changes just before the failure is logged: wait for both.
        await Eventually.HoldsAsync(
            () => camera.State == CameraState.Reconnecting && logs.Collector.GetSnapshot().Any(e => e.Message.Contains("DESCRIBE failed", StringComparison.Ordinal)),
            "the camera is reconnecting and has logged why");
        var entries = logs.Collector.GetSnapshot().Select(e => $"{e.Message} {e.Exception}").ToList();

        Assert.Contains("method DESCRIBE failed on rtsp://***@192.168.1.20/x?user=***&pwd=***: 401 (password *** rejected)", camera.Status.LastError, StringComparison.Ordinal);
        Assert.Contains(entries, e => e.Contains("DESCRIBE failed", StringComparison.Ordinal));
        Assert.Equal(unexpected, entries.Any(e => e.Contains(nameof(InvalidOperationException), StringComparison.Ordinal)));
        foreach (var text in entries.Append(camera.Status.LastError))
        {
            Assert.DoesNotContain("p@ss-7", text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-7", text, StringComparison.Ordinal);
        }
    }
}
