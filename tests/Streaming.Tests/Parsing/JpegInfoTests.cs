using Streaming.Imaging;

namespace Streaming.Tests.Parsing;

public sealed class JpegInfoTests
{
    [Fact]
    public void ReadsTheSizeFromTheFrameHeader()
    {
        Assert.True(JpegInfo.TryReadSize(TestImages.Jpeg(321, 123), out var width, out var height));
        Assert.Equal((321, 123), (width, height));
    }

    [Fact]
    public void RejectsDataThatIsNotAJpeg() =>
        Assert.False(JpegInfo.TryReadSize("GIF89a........"u8, out _, out _));
}
