using Streaming.Sources;

namespace Streaming.Tests.Sources;

public sealed class V4l2ControlRangesTests
{
    private const string Output = """

        User Controls

                             brightness 0x00980900 (int)    : min=-64 max=64 step=1 default=0 value=0
                               contrast 0x00980901 (int)    : min=0 max=95 step=1 default=32 value=32
                white_balance_automatic 0x0098090c (bool)   : default=1 value=1
              white_balance_temperature 0x0098091a (int)    : min=2800 max=6500 step=10 default=4600 value=4600 flags=inactive

        Camera Controls

                          auto_exposure 0x009a0901 (menu)   : min=0 max=3 default=3 value=3 (Aperture Priority Mode)
                 exposure_time_absolute 0x009a0902 (int)    : min=1 max=5000 step=1 default=157 value=157 flags=inactive
        """;

    [Fact]
    public void RangesAreReadUnderThisProjectsPropertyNames()
    {
        var ranges = V4l2ControlRanges.Parse(Output);

        Assert.Equal(new V4l2ControlRanges.Range(-64, 64, 1), ranges["brightness"]);
        Assert.Equal(new V4l2ControlRanges.Range(0, 1, 1), ranges["auto_white_balance"]);
        Assert.Equal(new V4l2ControlRanges.Range(2800, 6500, 10), ranges["white_balance"]);
        Assert.Equal(new V4l2ControlRanges.Range(0, 3, 1), ranges["auto_exposure"]);
        Assert.Equal(new V4l2ControlRanges.Range(1, 5000, 1), ranges["exposure"]);
        Assert.False(ranges.ContainsKey("focus"));
    }

    [Fact]
    public void FormatsListSizesWithTheirRatesLargestFirst()
    {
        const string formats = """
            ioctl: VIDIOC_ENUM_FMT
                Type: Video Capture

                [0]: 'MJPG' (Motion-JPEG, compressed)
                    Size: Discrete 1280x720
                        Interval: Discrete 0.033s (30.000 fps)
                        Interval: Discrete 0.067s (15.000 fps)
                    Size: Discrete 640x480
                        Interval: Discrete 0.033s (30.000 fps)
                [1]: 'YUYV' (YUYV 4:2:2)
                    Size: Discrete 640x480
                        Interval: Discrete 0.033s (30.000 fps)
                        Interval: Discrete 0.100s (10.000 fps)
            """;

        var modes = V4l2Formats.Parse(formats);

        Assert.Equal([(1280, 720, "30 15"), (640, 480, "30 10")], modes.Select(m => (m.Width, m.Height, string.Join(' ', m.Fps))));
    }
}
