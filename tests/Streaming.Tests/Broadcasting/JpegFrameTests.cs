using System.Text;
using Streaming.Broadcasting;

namespace Streaming.Tests.Broadcasting;

public sealed class JpegFrameTests
{
    private static readonly DateTimeOffset Captured = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(1_234_567);

    [Fact]
    public void PartHeaderGivesTypeLengthAndCaptureTimeToTheMicrosecond()
    {
        var frame = new JpegFrame(new byte[1234], 1, Captured, 640, 480);

        Assert.Equal("Content-Type: image/jpeg\r\nContent-Length: 1234\r\nX-Timestamp: 1700000000.123457\r\n\r\n", Encoding.ASCII.GetString(frame.PartHeader));
        Assert.Equal("1700000000.123457", frame.UnixTimestamp);
    }

    [Fact]
    public void PartHeaderOfACardSaysItIsAPlaceholder()
    {
        var card = new JpegFrame(new byte[7], 1, DateTimeOffset.FromUnixTimeSeconds(1_700_000_001), 640, 480, isPlaceholder: true);

        Assert.Equal("Content-Type: image/jpeg\r\nContent-Length: 7\r\nX-Timestamp: 1700000001.000000\r\nX-Placeholder: 1\r\n\r\n", Encoding.ASCII.GetString(card.PartHeader));
    }

    [Fact]
    public void TimestampRoundsToTheNearestMicrosecondAcrossTheSecond()
    {
        var frame = new JpegFrame([1], 1, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(9_999_996), 1, 1);

        Assert.Equal("1700000001.000000", frame.UnixTimestamp);
    }
}
